/** UI strings of reliability: the notes fairness answers with, and connection states in /status. */
import type { Locale, MessagesOf } from './index.ts';

const ko = {
  /** Told once to a member who sends faster than their rate allows (then silence until it refills). */
  slowDown: '명령이 너무 빨리 들어오고 있습니다. 잠시 기다렸다가 다시 보내 주세요.',
  /** The whole bot is at its in-flight cap. */
  busy: '지금은 요청이 몰려 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.',
  connections: '연결',
  stateName: (state: string) => ({ starting: '시작 중', ready: '정상', degraded: '재연결 중', down: '중단' })[state] ?? state,
  nextAttempt: (at: string) => `다음 시도 ${at}`,
};

const en: Messages = {
  slowDown: 'Commands are coming in faster than I can answer. Please wait a moment before sending more.',
  busy: 'Too many requests right now; please try again in a moment.',
  connections: 'Connections',
  stateName: (state: string) => ({ starting: 'starting', ready: 'ready', degraded: 'reconnecting', down: 'down' })[state] ?? state,
  nextAttempt: (at: string) => `next attempt ${at}`,
};

export type Messages = MessagesOf<typeof ko>;

export const RELIABILITY_MESSAGES: Readonly<Record<Locale, Messages>> = { ko, en };
