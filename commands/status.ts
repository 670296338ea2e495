import { defineCommand } from '../src/bot/command.ts';
import { truncate } from '../src/util/text.ts';
import type { ReplyField } from '../src/bot/reply.ts';
import { ANNOUNCE_MESSAGES } from '../src/i18n/announce.ts';
import type { DeliveryView } from '../src/announce/port.ts';
import { formatInstant } from './announce-support.ts';
import type { ServiceContext } from './services.ts';
import { RELIABILITY_MESSAGES } from '../src/i18n/reliability.ts';
import type { ConnectionStatus } from '../src/util/health.ts';

/** One line per platform connection: `telegram: reconnecting · cause · next attempt …` (issue 13). */
function connectionsField(connections: ConnectionStatus[], locale: ServiceContext['locale']): ReplyField[] {
  if (connections.length === 0) return [];
  const r = RELIABILITY_MESSAGES[locale];
  const line = (c: ConnectionStatus) =>
    [`${c.name}: ${r.stateName(c.state)}`, ...(c.cause ? [truncate(c.cause, 160)] : []), ...(c.nextAttemptAt ? [r.nextAttempt(formatInstant(c.nextAttemptAt))] : [])].join(' · ');
  return [{ name: r.connections, value: connections.map(line).join('\n') }];
}

function deliveryLine(d: DeliveryView, m: (typeof ANNOUNCE_MESSAGES)['en']): string {
  const parts = [`${d.postId} → ${d.target}`, m.attempts(d.attempts)];
  if (d.nextTryAt) parts.push(m.nextTry(formatInstant(d.nextTryAt)));
  if (d.lastError) parts.push(truncate(d.lastError, 120));
  return parts.join(' · ');
}

export const status = defineCommand({
  name: 'status',
  permission: 'moderator',
  description: { ko: '봇 상태: 글, 다시 읽기, 구독, 전달', en: 'Bot status: posts, reindex, subscriptions, deliveries' },
  options: [] as const,
  run(ctx: ServiceContext) {
    const m = ANNOUNCE_MESSAGES[ctx.locale];
    const text: string[] = [];
    if (ctx.engine.ready) text.push(m.postsLoaded(ctx.engine.library.size));
    const failedReindex = ctx.engine.lastError;
    if (failedReindex) text.push(m.reindexFailed(formatInstant(failedReindex.at), failedReindex.message));
    const port = ctx.services.announcements;
    const connections = connectionsField(ctx.services.health?.all() ?? [], ctx.locale);
    if (!port) return { title: m.statusTitle, text: [...text, m.notEnabled], ...(connections.length ? { fields: connections } : {}) };

    const s = port.status();
    text.push(m.postsKnown(s.postsKnown, s.postsAnnounced, s.postsRemoved));
    const r = s.lastReindex;
    const fields: ReplyField[] = [
      ...connections,
      {
        name: m.lastReindex,
        value: r
          ? [m.reindexLine(formatInstant(r.at), r.files, r.added, r.changed, r.removed, r.skipped), ...r.problems].join('\n')
          : m.never,
      },
      {
        name: m.targets,
        value: [m.staticTargets(s.staticTargets.length), m.subscriptionCount(s.subscriptions.length)].join(' · '),
        inline: true,
      },
      { name: m.deliveries, value: m.deliveryCounts(s.deliveries.pending, s.deliveries.sent, s.deliveries.failed), inline: true },
    ];
    if (s.nextPublicationAt) fields.push({ name: m.nextPublication, value: formatInstant(s.nextPublicationAt), inline: true });
    if (s.pending.length) fields.push({ name: `${m.pending} (${s.deliveries.pending})`, value: s.pending.map((d) => deliveryLine(d, m)).join('\n') });
    if (s.failed.length) fields.push({ name: `${m.failed} (${s.deliveries.failed})`, value: s.failed.map((d) => deliveryLine(d, m)).join('\n') });
    return { title: m.statusTitle, text, fields };
  },
});
