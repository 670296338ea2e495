/** Discord's and Telegram's configured targets, read by their own policies (moved from src/announce/targets.test.ts). */
import { describe, expect, it } from 'vitest';
import { staticTargets } from '../../src/announce/targets.ts';
import { discordAnnouncePolicy } from '../../src/platforms/discord/announce-policy.ts';
import { telegramAnnouncePolicy } from '../../src/platforms/telegram/announce-policy.ts';

const discord = discordAnnouncePolicy();
const telegram = telegramAnnouncePolicy();

describe('staticTargets', () => {
  it('reads channel ids with optional roles, chat ids, @channels and forum topics', () => {
    expect(
      staticTargets([
        { policy: discord, entries: ' 1300000000000000001 , 1300000000000000002/1400000000000000001', source: 'ANNOUNCE_DISCORD_CHANNELS', defaults: { crosspost: true } },
        { policy: telegram, entries: ['-1001234567890', '@briefbot_news', '-1001234567890:42'], source: 'ANNOUNCE_TELEGRAM_CHATS' },
      ]),
    ).toEqual([
      { platform: 'discord', id: '1300000000000000001', options: { crosspost: true } },
      { platform: 'discord', id: '1300000000000000002', options: { mentionRoleId: '1400000000000000001', crosspost: true } },
      { platform: 'telegram', id: '-1001234567890' },
      { platform: 'telegram', id: '@briefbot_news' },
      { platform: 'telegram', id: '-1001234567890:42' },
    ]);
  });

  it('lists every bad entry in one message', () => {
    expect(() =>
      staticTargets([
        { policy: discord, entries: 'general,123', source: 'ANNOUNCE_DISCORD_CHANNELS' },
        { policy: telegram, entries: 'news channel', source: 'ANNOUNCE_TELEGRAM_CHATS' },
      ]),
    ).toThrow(
      'briefbot: bad announcement targets:\n' +
        '- ANNOUNCE_DISCORD_CHANNELS: "general" is not a channel id (or channelId/roleId)\n' +
        '- ANNOUNCE_DISCORD_CHANNELS: "123" is not a channel id (or channelId/roleId)\n' +
        '- ANNOUNCE_TELEGRAM_CHATS: "news channel" is not a chat id, @channelname or chatId:threadId',
    );
  });
});
