import { describe, expect, it } from 'vitest';
import { discordThreadKey, heardOf, threadName, type SeenMessage } from './hearing.ts';

const BOT = '1100000000000000001';
const seen = (extra: Partial<SeenMessage>): SeenMessage => ({
  content: `<@${BOT}> rust`,
  authorId: '1500000000000000001',
  authorIsBot: false,
  channelId: '1300000000000000001',
  isDm: false,
  isThread: false,
  mentionsEveryone: false,
  mentionsRoles: false,
  ...extra,
});

describe('threads', () => {
  it('names a thread after the question, within Discord’s 100 characters', () => {
    expect(threadName('  rust   2026 에디션 ', 'briefbot')).toBe('rust 2026 에디션');
    expect(threadName('', 'briefbot')).toBe('briefbot');
    const long = threadName('가'.repeat(150), 'briefbot');
    expect(long).toHaveLength(100);
    expect(long.endsWith('…')).toBe(true);
  });

  it('keys a message in a thread by the thread, so a follow-up there continues its conversation', () => {
    expect(heardOf(seen({ isThread: true, channelId: '1700000000000000001' }), BOT).thread).toBe(discordThreadKey('1700000000000000001'));
    // A reply is keyed by the message it replies to, in a thread or not.
    const reply = heardOf(seen({ isThread: true, repliedToMessageId: '1800000000000000001', repliedToAuthorId: BOT }), BOT);
    expect(reply.thread).toBeUndefined();
    expect(reply.replyTo).toBe('discord:1300000000000000001:1800000000000000001');
    expect(heardOf(seen({}), BOT).thread).toBeUndefined();
  });
});
