import { effectOf, type Reply } from '../../bot/reply.ts';

/** How a reply's action is shown in the console: the equivalent command line to type. */
export type ActionFormatter = (action: NonNullable<Reply['actions']>[number]) => string;

/**
 * Renders a reply as plain text for a terminal: no markup, links in full. Actions show as the
 * command lines to type: those that replace this view (pages) side by side on one line, those
 * that open something new one a line.
 */
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
  if (formatAction) {
    const shown = (action: NonNullable<Reply['actions']>[number]) => `[${action.label}] ${formatAction(action)}`;
    const actions = reply.actions ?? [];
    const inPlace = actions.filter((action) => effectOf(action) === 'replace').map(shown);
    if (inPlace.length > 0) lines.push(inPlace.join('  '));
    for (const action of actions) if (effectOf(action) === 'new-message') lines.push(shown(action));
  }
  return lines.join('\n');
}
