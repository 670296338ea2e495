/**
 * Translates Discord interactions into core invocations and answers them: slash commands,
 * autocomplete and button presses. `handleInteraction` may throw; the one error boundary is
 * the listener in index.ts, which logs and apologizes.
 */
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { Invoker } from '../../bot/command.ts';
import type { BotCore, Invocation } from '../../bot/core.ts';
import { effectOf, type Reply } from '../../bot/reply.ts';
import { MESSAGES } from '../../i18n/core.ts';
import { PRIVATE_OPTION } from './registration.ts';
import { fitChoices, renderReply, toDiscordJs, type DiscordMessage } from './render.ts';
import { streamReply } from '../../bot/stream.ts';
import { withoutComponents } from './stream.ts';

export interface InteractionDeps {
  core: BotCore;
  /**
   * After this many ms without a reply from the core, the interaction is deferred (Discord
   * allows 3 s for the first answer). Moderator commands (reindex) are deferred at once.
   */
  deferAfterMs: number;
}

/** Answers one interaction. Throws on failures; the caller's error boundary handles them. */
export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  if (interaction.isAutocomplete()) return answerAutocomplete(interaction, deps);
  if (interaction.isChatInputCommand()) return runCommand(interaction, deps);
  if (interaction.isButton()) return pressButton(interaction, deps);
}

/** The person behind an interaction; a moderator is whoever has ManageGuild here, checked on every call. */
export function invokerOf(interaction: Interaction): Invoker {
  return {
    id: `discord:${interaction.user.id}`,
    name: interaction.user.username,
    isModerator: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
}

async function answerAutocomplete(interaction: AutocompleteInteraction, { core }: InteractionDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const choices = core.autocomplete(interaction.commandName, focused.name, String(focused.value), interaction.locale);
  await interaction.respond(fitChoices(choices));
}

/** How to answer with a message of its own (a command, or a button that opens a new message). */
interface NewMessageAnswer {
  render(reply: Reply): DiscordMessage;
  /** Defer without waiting for the core (moderator commands, which may run long). */
  deferAtOnce: boolean;
  /** The member asked for a private answer: the placeholder is ephemeral too. */
  wantsPrivate: boolean;
  deferAfterMs: number;
}

/**
 * Answers with a new message: at once when the core is quick, else after a "thinking…"
 * placeholder that the reply then replaces.
 */
async function answerWithNewMessage(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  pending: Promise<Reply>,
  how: NewMessageAnswer,
): Promise<void> {
  const early = how.deferAtOnce ? undefined : await within(pending, how.deferAfterMs);
  if (early) {
    await interaction.reply(toDiscordJs(how.render(early)));
    return;
  }
  await interaction.deferReply(how.wantsPrivate ? { flags: MessageFlags.Ephemeral } : {});
  const message = how.render(await pending);
  if (isEphemeral(message) && !how.wantsPrivate) {
    // A public "thinking…" placeholder cannot become ephemeral: replace it with an ephemeral follow-up.
    await interaction.deleteReply();
    await interaction.followUp(toDiscordJs(message));
    return;
  }
  await interaction.editReply(toDiscordJs(withoutFlags(message)));
}

/** Answers by updating the message the button is on; an error goes to the presser alone. */
async function answerInPlace(interaction: ButtonInteraction, pending: Promise<Reply>, render: (reply: Reply) => DiscordMessage, deferAfterMs: number): Promise<void> {
  const early = await within(pending, deferAfterMs);
  if (early) {
    const message = render(early);
    // An error answers the presser alone and leaves the message everyone sees as it was.
    if (isEphemeral(message)) await interaction.reply(toDiscordJs(message));
    else await interaction.update(toDiscordJs(message));
    return;
  }
  await interaction.deferUpdate();
  const message = render(await pending);
  if (isEphemeral(message)) await interaction.followUp(toDiscordJs(message));
  else await interaction.editReply(toDiscordJs(message));
}

async function runCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const { core } = deps;
  const wantsPrivate = interaction.options.getBoolean(PRIVATE_OPTION) ?? false;
  const invocation: Invocation = {
    command: interaction.commandName,
    args: Object.fromEntries(
      interaction.options.data.filter((option) => option.name !== PRIVATE_OPTION).map((option) => [option.name, option.value]),
    ),
    locale: interaction.locale,
    invoker: invokerOf(interaction),
    platform: 'discord',
    place: interaction.channelId,
  };
  const render = (reply: Reply) => renderReply(reply, { encodeAction: (action) => core.encodeAction(action), ephemeral: wantsPrivate });
  const definition = core.commands.find((command) => command.name === invocation.command);
  const deferAtOnce = definition?.permission === 'moderator' && invocation.invoker.isModerator;
  const how = { render, deferAtOnce, wantsPrivate, deferAfterMs: deps.deferAfterMs };
  if (definition?.streams) return answerStreamed(interaction, (progress) => core.execute({ ...invocation, progress }), how);
  const pending = core.execute(invocation);
  pending.catch(() => undefined); // awaited later; this only keeps an early failure from counting as unhandled
  await answerWithNewMessage(interaction, pending, how);
}

/**
 * Answers a command whose reply may stream (/ask with the LLM layer): the first partial is the
 * reply, later ones and the final reply edit it (the core paces them, at most one a second). A
 * command with no partials is answered once, as {@link answerWithNewMessage} does: at once when
 * it is quick, else after a "thinking…" placeholder (deferred after `deferAfterMs`, Discord
 * allows 3 s). Every call to Discord runs in order, so a deferral and a first reply never race.
 */
async function answerStreamed(
  interaction: ChatInputCommandInteraction,
  produce: (progress: (partial: Reply) => void) => Promise<Reply>,
  how: NewMessageAnswer,
): Promise<void> {
  let chain: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(step: () => Promise<T>): Promise<T> => {
    const next = chain.then(step);
    chain = next.catch(() => undefined);
    return next;
  };
  const answered = () => interaction.replied || interaction.deferred;
  const defer = () => inOrder(async () => void (answered() || (await interaction.deferReply(how.wantsPrivate ? { flags: MessageFlags.Ephemeral } : {}))));
  if (how.deferAtOnce) await defer();
  const timer = setTimeout(() => void defer().catch(() => undefined), how.deferAfterMs);
  try {
    await streamReply(produce, {
      update: (partial) =>
        inOrder(async () => {
          const message = withoutComponents(how.render(partial));
          if (answered()) await interaction.editReply(toDiscordJs(withoutFlags(message)));
          else await interaction.reply(toDiscordJs(message));
        }),
      finish: (final) =>
        inOrder(async () => {
          clearTimeout(timer);
          await finishReply(interaction, how.render(final), how.wantsPrivate);
        }),
    });
  } finally {
    clearTimeout(timer);
  }
}

/** The final reply: the first answer, or in place of the placeholder or partial answer shown. */
async function finishReply(interaction: ChatInputCommandInteraction, message: DiscordMessage, wantsPrivate: boolean): Promise<void> {
  if (!interaction.replied && !interaction.deferred) {
    await interaction.reply(toDiscordJs(message));
    return;
  }
  if (isEphemeral(message) && !wantsPrivate) {
    // A public placeholder cannot become ephemeral: replace it with an ephemeral follow-up.
    await interaction.deleteReply();
    await interaction.followUp(toDiscordJs(message));
    return;
  }
  await interaction.editReply(toDiscordJs(withoutFlags(message)));
}

async function pressButton(interaction: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const { core } = deps;
  const decoded = core.decodeAction(interaction.customId);
  if (!decoded) {
    await interaction.reply({
      content: MESSAGES[core.localeFor(interaction.locale)].buttonExpired,
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  const pending = core.execute({
    command: decoded.command,
    args: decoded.args,
    locale: interaction.locale,
    invoker: invokerOf(interaction),
    platform: 'discord',
    place: interaction.channelId,
  });
  pending.catch(() => undefined); // awaited later; this only keeps an early failure from counting as unhandled
  const render = (reply: Reply) => renderReply(reply, { encodeAction: (action) => core.encodeAction(action) });
  // The action says what the press does to its message; the adapter does not guess.
  if (effectOf(decoded) === 'new-message') {
    await answerWithNewMessage(interaction, pending, { render, deferAtOnce: false, wantsPrivate: false, deferAfterMs: deps.deferAfterMs });
  } else {
    await answerInPlace(interaction, pending, render, deps.deferAfterMs);
  }
}

function isEphemeral(message: DiscordMessage): boolean {
  return ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

function withoutFlags(message: DiscordMessage): DiscordMessage {
  const { flags: _flags, ...rest } = message;
  return rest;
}

/** The promise's value if it settles within `ms`, else `undefined` (the promise keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
