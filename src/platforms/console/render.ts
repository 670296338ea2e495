import type { Reply } from '../../bot/reply.ts';

/** How a reply's action is shown in the console: the equivalent command line to type. */
export type ActionFormatter = (action: NonNullable<Reply['actions']>[number]) => string;

/** Renders a reply as plain text for a terminal: no markup, links in full. */
export function renderText(reply: Reply, formatAction?: ActionFormatter): string {
  const lines: string[] = [];
  if (reply.title) lines.push(reply.kind === 'error' ? `! ${reply.title}` : `# ${reply.title}`);
  if (reply.url) lines.push(reply.url);
  for (const line of reply.text) lines.push(reply.kind === 'error' ? `! ${line}` : line);
  reply.items?.forEach((item, i) => {
    lines.push(`${i + 1}. ${item.title}`);
    if (item.detail) lines.push(`   ${item.detail}`);
    if (item.url) lines.push(`   ${item.url}`);
  });
  for (const field of reply.fields ?? []) {
    const [first = '', ...more] = field.value.split('\n');
    lines.push(`${field.name}: ${first}`, ...more.map((l) => `  ${l}`));
  }
  for (const link of reply.links ?? []) lines.push(`${link.label}: ${link.url}`);
  if (reply.image) lines.push(`image: ${reply.image}`);
  if (reply.footer) lines.push(`(${reply.footer})`);
  if (formatAction) for (const action of reply.actions ?? []) lines.push(`[${action.label}] ${formatAction(action)}`);
  return lines.join('\n');
}
