import type { Messages } from '../i18n/core.ts';
import type { ReplyAction } from './reply.ts';

/** Previous/next buttons for a paged list; none when everything fits on one page. */
export function pagingActions(
  t: Messages,
  command: string,
  args: Record<string, string | number>,
  page: number,
  pages: number,
): ReplyAction[] {
  const actions: ReplyAction[] = [];
  if (page > 1) actions.push({ label: t.previous, command, args: { ...args, page: page - 1 } });
  if (page < pages) actions.push({ label: t.next, command, args: { ...args, page: page + 1 } });
  return actions;
}
