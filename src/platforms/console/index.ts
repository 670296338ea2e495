import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { formatCommandLine, parseCommandLine } from '../../bot/command-line.ts';
import type { BotCore } from '../../bot/core.ts';
import { renderText } from './render.ts';

export interface ConsoleOptions {
  core: BotCore;
  input: Readable;
  output: Writable;
  /** Show a prompt (interactive terminal) or not (piped input). */
  interactive: boolean;
}

/**
 * A local console: type the same commands the platforms serve and see replies as text.
 * The local operator counts as a moderator. Resolves when the input ends.
 */
export async function runConsole({ core, input, output, interactive }: ConsoleOptions): Promise<void> {
  const write = (text: string) => output.write(`${text}\n`);
  const byName = new Map(core.commands.map((c) => [c.name, c]));
  const formatAction = (action: { command: string; args: Record<string, string | number> }) =>
    formatCommandLine(byName.get(action.command), action.command, action.args);
  const lines = createInterface({ input, terminal: false });
  const prompt = () => {
    if (interactive) output.write('briefbot> ');
  };
  if (interactive) write('briefbot console: type /help for the commands, Ctrl-D to quit.');
  prompt();
  for await (const raw of lines) {
    const text = raw.trim();
    if (text === '') {
      prompt();
      continue;
    }
    const parsed = parseCommandLine(text.startsWith('/') ? text : `/summary ${text}`, core.commands);
    if (!parsed) {
      write('! Commands start with /, e.g. /summary nvidia');
    } else {
      const reply = await core.execute({
        command: parsed.command,
        args: parsed.args,
        invoker: { id: 'console:local', name: 'console', isModerator: true },
        platform: 'console',
      });
      write(renderText(reply, formatAction));
      write('');
    }
    prompt();
  }
}
