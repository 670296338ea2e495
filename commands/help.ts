import { defineCommand, type Command } from '../src/bot/command.ts';

/**
 * Lists the visible commands. It receives the list from the composition root rather than
 * importing commands/index.ts, which would be a cycle.
 */
export function createHelp(list: () => readonly Command[]) {
  return defineCommand({
    name: 'help',
    description: { ko: '명령 목록과 사용법', en: 'How to use briefbot' },
    options: [] as const,
    run(ctx) {
      const lines = list()
        .filter((c) => !c.hidden)
        .map((c) => {
          const args = c.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
          const who = c.permission === 'moderator' ? ` ${ctx.t.moderatorOnly}` : '';
          return `• /${c.name}${args ? ` ${args}` : ''}: ${c.description[ctx.locale]}${who}`;
        });
      return { title: ctx.t.helpTitle, text: [ctx.t.helpIntro, ...lines] };
    },
  });
}
