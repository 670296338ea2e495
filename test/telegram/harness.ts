/** Shared pieces of the Telegram end-to-end tests: people, chats, a capturing logger. */
import type { Logger } from '../../src/util/logger.ts';
import type { FakeChat, FakeUser } from '../fakes/telegram/server.ts';

/** Shaped like a real token (`<bot id>:<35 chars>`) so redaction patterns get a fair test. */
export const TOKEN = '7000000001:AAFakeTokenForTestsOnly_abcdefghijkl';
export const BOT_USERNAME = 'briefbot_test_bot';

export const mina: FakeUser = { id: 4201, first_name: 'Mina', username: 'mina', language_code: 'ko' };
export const sam: FakeUser = { id: 4202, first_name: 'Sam', language_code: 'en-US' };
export const admin: FakeUser = { id: 4203, first_name: 'Ada', language_code: 'en' };
export const listedModerator: FakeUser = { id: 4204, first_name: 'Mod', language_code: 'ko' };

export const group: FakeChat = { id: -1001234, type: 'supergroup', title: 'Tech readers' };
export const privateChatOf = (user: FakeUser): FakeChat => ({ id: user.id, type: 'private' });

/** A logger that keeps every line, so tests can check what was logged (and that no token was). */
export function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (msg: string, data?: Record<string, unknown>) => {
    lines.push(`${level} ${msg}${data ? ` ${JSON.stringify(data)}` : ''}`);
  };
  return { lines, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
