import { defineCommand } from '../src/bot/command.ts';
import { subscriptionPlace } from './announce-support.ts';
import type { ServiceContext } from './services.ts';

export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  permission: 'moderator',
  description: { ko: '이 채널의 새 글 알림을 끕니다', en: 'Stop announcing new posts in this channel' },
  options: [] as const,
  run(ctx: ServiceContext) {
    const { port, platform, place, m } = subscriptionPlace(ctx);
    const removed = port.unsubscribe(platform, place);
    return { text: [removed ? m.unsubscribed : m.notSubscribed], kind: 'notice' };
  },
});
