import { describe, expect, it } from 'vitest';
import { matchesTags, staticTargets, targetsFor } from './targets.ts';
import { makePost } from '../../test/announce/helpers.ts';

describe('staticTargets', () => {
  it('reads channel ids with optional roles, chat ids, @channels and forum topics', () => {
    expect(
      staticTargets({
        discordChannels: ' 1300000000000000001 , 1300000000000000002/1400000000000000001',
        telegramChats: ['-1001234567890', '@briefbot_news', '-1001234567890:42'],
        crosspost: true,
      }),
    ).toEqual([
      { platform: 'discord', id: '1300000000000000001', crosspost: true },
      { platform: 'discord', id: '1300000000000000002', mentionRoleId: '1400000000000000001', crosspost: true },
      { platform: 'telegram', id: '-1001234567890' },
      { platform: 'telegram', id: '@briefbot_news' },
      { platform: 'telegram', id: '-1001234567890:42' },
    ]);
  });

  it('lists every bad entry in one message', () => {
    expect(() => staticTargets({ discordChannels: 'general,123', telegramChats: 'news channel' })).toThrow(
      'briefbot: bad announcement targets:\n' +
        '- ANNOUNCE_DISCORD_CHANNELS: "general" is not a channel id (or channelId/roleId)\n' +
        '- ANNOUNCE_DISCORD_CHANNELS: "123" is not a channel id (or channelId/roleId)\n' +
        '- ANNOUNCE_TELEGRAM_CHATS: "news channel" is not a chat id, @channelname or chatId:threadId',
    );
  });
});

describe('tag filters', () => {
  it('match tags ignoring case, spaces, hyphens and a leading #', () => {
    const post = makePost('p', { tags: ['생성형 AI', 'Raspberry-Pi-Pico-2'] });
    expect(matchesTags(post, ['#생성형ai'])).toBe(true);
    expect(matchesTags(post, ['raspberry pi pico 2'])).toBe(true);
    expect(matchesTags(post, ['GPU'])).toBe(false);
    expect(matchesTags(post, [])).toBe(true);
  });

  it('send a post once to a place that is both a static target and a subscription', () => {
    const post = makePost('p', { tags: ['Web'] });
    const sub = { platform: 'discord' as const, place: '1300000000000000001', tags: ['GPU'], crosspost: false, createdAt: new Date(0) };
    const other = { ...sub, place: '1300000000000000002' };
    expect(targetsFor(post, [{ platform: 'discord', id: '1300000000000000001' }], [sub, other])).toEqual([{ platform: 'discord', id: '1300000000000000001' }]);
  });
});
