import { defineCommand } from '../src/bot/command.ts';
import { describeSubscription, subscriptionPlace } from './announce-support.ts';
import type { ServiceContext } from './services.ts';

/** Lines shown before "and N more". */
const LISTED = 20;

export const subscriptions = defineCommand({
  name: 'subscriptions',
  permission: 'moderator',
  description: { ko: '새 글 알림 구독을 보여 줍니다', en: 'Show the new-post subscriptions' },
  options: [] as const,
  run(ctx: ServiceContext) {
    const { port, platform, place, m } = subscriptionPlace(ctx);
    // This channel first, then the platform's others (a moderator may manage several channels).
    const all = port.list(platform);
    if (all.length === 0) return { text: [m.noSubscriptions] };
    const here = all.filter((s) => s.place === place);
    const others = all.filter((s) => s.place !== place);
    const lines = [
      ...here.map((s) => `• ${m.thisChannel} (${s.place}): ${describeSubscription(s, m)}`),
      ...others.slice(0, LISTED).map((s) => `• ${s.place}: ${describeSubscription(s, m)}`),
    ];
    if (others.length > LISTED) lines.push(ctx.t.andMore(others.length - LISTED));
    return { title: m.subscriptionsTitle(all.length), text: lines };
  },
});
