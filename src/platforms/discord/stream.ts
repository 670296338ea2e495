/**
 * Showing an answer on Discord while it is written (the pacing is the core's: src/bot/stream.ts,
 * at most one edit a second). Free text: the first partial is posted (a reply, or a message in
 * the conversation's thread) and then edited; the final reply is the last edit (a new message
 * when that one can no longer be edited). Partials carry
 * no buttons: they act on the final answer (votes). Discord's 429s are waited out by
 * @discordjs/rest (it honours Retry-After); meanwhile the core keeps only the newest text.
 */
import type { Message, MessageEditOptions } from 'discord.js';
import type { Reply } from '../../bot/reply.ts';
import type { StreamSink } from '../../bot/stream.ts';
import { toDiscordJs, type DiscordMessage } from './render.ts';

/** A rendered message without its buttons, for a partial answer. */
export function withoutComponents(message: DiscordMessage): DiscordMessage {
  return { ...message, components: [] };
}

/** A rendered message as a message (not an interaction) takes it: no flags (ephemeral is for interactions). */
function asMessage(message: DiscordMessage): ReturnType<typeof toDiscordJs> {
  const { flags: _flags, ...rest } = toDiscordJs(message) as ReturnType<typeof toDiscordJs> & { flags?: unknown };
  return { ...rest, allowedMentions: { parse: [], repliedUser: false } } as ReturnType<typeof toDiscordJs>;
}

/** The sink of one streamed free-text answer: `post` sends the first message (a reply, or into a thread). */
export function messageStreamSink(post: (options: ReturnType<typeof toDiscordJs>) => Promise<Message>, render: (reply: Reply) => DiscordMessage): StreamSink<Message> {
  let started: Message | undefined;
  const show = async (message: DiscordMessage): Promise<Message> => {
    if (!started) started = await post(asMessage(message));
    else started = await started.edit(asMessage(message) as MessageEditOptions);
    return started;
  };
  return {
    update: async (partial) => void (await show(withoutComponents(render(partial)))),
    async finish(final) {
      try {
        return await show(render(final));
      } catch (error) {
        if (!started) throw error;
        // The partial message is gone (deleted by a moderator) or cannot be edited: the answer comes anew.
        return post(asMessage(render(final)));
      }
    },
  };
}
