/**
 * Showing an answer on Telegram while it is written (the pacing is the core's: src/bot/stream.ts).
 * In a private chat the answer so far is a draft (`sendMessageDraft`, one non-zero `draft_id`
 * per answer, so Telegram animates it), and the final reply is sent as a message: a draft is
 * only an ephemeral preview. Elsewhere (groups, forum topics) the first partial is sent as the
 * reply and then edited; the final reply is the last edit, buttons included (or a new message
 * when that one can no longer be edited). A 429 becomes
 * {@link RetryLater} with its `retry_after` (auto-retry has usually waited it out already).
 */
import { GrammyError, type Api } from 'grammy';
import type { Message } from 'grammy/types';
import type { Reply } from '../../bot/reply.ts';
import { RetryLater, type StreamSink } from '../../bot/stream.ts';
import { isNotModified } from './errors.ts';
import type { TelegramMessage } from './render.ts';

/** Where a streamed answer goes. */
export interface StreamTarget {
  chatId: number;
  /** Drafts exist in private chats only. */
  isPrivate: boolean;
  /** The draft's id: non-zero, one per answer (the question's message id does). */
  draftId: number;
  /** Forum topic of the question, when it has one. */
  topic?: { message_thread_id: number };
  /** The question's message id, which the answer replies to. */
  replyTo?: number;
}

/**
 * The sink of one streamed answer. `send` sends the final reply the usual way (used when no
 * partial message exists to edit: private chats, or an answer that arrived whole).
 */
export function telegramStreamSink(
  api: Api,
  target: StreamTarget,
  render: (reply: Reply) => TelegramMessage,
  send: (reply: Reply) => Promise<Message | undefined>,
): StreamSink<Message | undefined> {
  let started: Message | undefined;
  const replyTo = target.replyTo ? { reply_parameters: { message_id: target.replyTo, allow_sending_without_reply: true } } : {};
  return {
    update: (partial) =>
      retryLater(async () => {
        // A partial has no buttons: they act on the final answer (votes), which is not there yet.
        const { reply_markup: _markup, ...message } = render(partial);
        if (target.isPrivate) {
          await api.sendMessageDraft(target.chatId, target.draftId, message.text, { parse_mode: message.parse_mode, ...target.topic });
        } else if (!started) {
          started = await api.sendMessage(target.chatId, message.text, { ...message, ...target.topic, ...replyTo });
        } else {
          await editQuietly(api, target.chatId, started.message_id, message);
        }
      }),
    finish: (final) =>
      retryLater(async () => {
        if (!started) return send(final);
        try {
          await editQuietly(api, target.chatId, started.message_id, render(final));
          return started;
        } catch (error) {
          // The partial message is gone (deleted by a moderator) or cannot be edited: the answer comes anew.
          if (error instanceof GrammyError && error.error_code === 429) throw error;
          return send(final);
        }
      }),
  };
}

async function editQuietly(api: Api, chatId: number, messageId: number, message: TelegramMessage): Promise<void> {
  try {
    await api.editMessageText(chatId, messageId, message.text, message);
  } catch (error) {
    // The same text again (a partial that did not grow) is no failure.
    if (!isNotModified(error)) throw error;
  }
}

/** Runs `call`, turning Telegram's 429 into the core's {@link RetryLater}. */
async function retryLater<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 429) throw new RetryLater((error.parameters.retry_after ?? 1) * 1000);
    throw error;
  }
}
