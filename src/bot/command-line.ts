import type { Command } from './command.ts';

/** A command typed as text: `/summary 엔비디아 GPU`, `/tag AI page:2`, `/latest 3`. */
export interface ParsedCommandLine {
  command: string;
  /** `@botname` after the command, if any (`/summary@briefbot`). */
  addressee?: string;
  args: Record<string, string>;
}

/**
 * Parses a text command the way text platforms deliver them (options filled by
 * {@link argsFromText}). Returns `undefined` when the text is not a command.
 */
export function parseCommandLine(text: string, commands: readonly Command[]): ParsedCommandLine | undefined {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, name = '', addressee, rest = ''] = match;
  const command = commands.find((c) => c.name === name.toLowerCase());
  const args = command ? argsFromText(command, rest) : {};
  return { command: name.toLowerCase(), ...(addressee ? { addressee } : {}), args };
}

/**
 * Fills a command's options from the text typed after it: `name:value` words go to the options
 * they name; the rest, as one phrase, goes to the first required option still empty (`summary
 * query`, `tag tag`, `ask question`), else the first empty one (`latest count`). No text, no
 * argument: the core then asks for what is missing.
 */
export function argsFromText(command: Command, text: string): Record<string, string> {
  const args: Record<string, string> = {};
  const free: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const named = /^([a-z_]+):(.+)$/.exec(word);
    const option = named && command.options.find((o) => o.name === named[1]);
    if (named && option && named[2] !== undefined) args[option.name] = named[2];
    else free.push(word);
  }
  const empty = command.options.filter((o) => args[o.name] === undefined);
  const target = empty.find((o) => o.required) ?? empty[0];
  if (free.length > 0 && target) args[target.name] = free.join(' ');
  return args;
}

/** The text command equivalent to an invocation, e.g. for a console "button". */
export function formatCommandLine(command: Command | undefined, name: string, args: Record<string, string | number>): string {
  const parts = [`/${name}`];
  const [first, ...rest] = command?.options ?? [];
  if (first && args[first.name] !== undefined) parts.push(String(args[first.name]));
  for (const option of rest) if (args[option.name] !== undefined) parts.push(`${option.name}:${args[option.name]}`);
  return parts.join(' ');
}
