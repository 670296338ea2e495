/** UI strings of free-text conversation (src/bot/converse.ts): what the bot says when spoken to. */
import type { Locale, MessagesOf } from './index.ts';

const ko = {
  greetingReply: '안녕하세요! 글 주제나 궁금한 것을 그냥 적어 주세요. 예: "엔비디아", "이번 주 AI 소식", "OpenClaw 취약점 패치됐어?"',
  thanksReply: '천만에요 🙂',
  apology: '죄송합니다. 답을 만드는 중에 문제가 생겼습니다. 잠시 후 다시 물어봐 주세요.',
  slowDown: '조금 천천히 부탁드려요. 잠시 후에 다시 물어봐 주세요.',
  busy: '지금 요청이 많아 답하지 못했습니다. 잠시 후 다시 시도해 주세요.',
  forgotten: '앞에서 보여 드린 글을 기억하지 못합니다. 글 주제를 다시 적어 주세요.',
  publishedOn: (title: string, day: string) => `"${title}"은(는) ${day}에 올라온 글입니다.`,
  linksOf: (title: string) => `"${title}"의 링크입니다.`,
  noSource: '이 글에는 원문 링크가 없습니다.',
  readPost: '글 보기',
  readSource: '원문 보기',
  moreOf: (title: string) => `${title} — 자세히`,
  noOtherPosts: '더 보여 드릴 글이 없습니다.',
  topicListTitle: (topic: string) => `"${topic}" 관련 글`,
  inRange: (from: string, to: string) => (from === to ? `${from}` : `${from} ~ ${to}`),
  latestInRangeTitle: (range: string) => `${range}에 올라온 글`,
  nothingInRange: (range: string) => `${range}에 올라온 글이 없습니다. 대신 가장 최근 글을 보여 드립니다.`,
  noTopicMatch: (topic: string) => `"${topic}"에 맞는 글을 찾지 못했습니다. 다른 낱말로 적어 보세요.`,
  voteUp: '👍',
  voteDown: '👎',
  votedUp: '고맙습니다! 도움이 되었다니 다행입니다.',
  votedDown: '알려 주셔서 고맙습니다. 더 나은 답을 위해 운영자에게 전하겠습니다.',
  voteExpired: '이 답은 너무 오래되어 더 이상 투표할 수 없습니다.',
  questionsOff: '질문 기록이 꺼져 있습니다.',
  questionsTitle: (days: number) => `최근 ${days}일 동안 블로그가 답하지 못한 질문`,
  questionsNone: (days: number) => `최근 ${days}일 동안 답하지 못한 질문이나 👎 받은 답이 없습니다.`,
  questionsLine: (count: number, unanswered: number, downvoted: number, first: string, last: string) =>
    `${count}회 (답 없음 ${unanswered}, 👎 ${downvoted}) · ${first === last ? first : `${first} ~ ${last}`}`,
  unknownWhen: (text: string) => `"${text}"에서 기간을 읽지 못했습니다. 예: 이번 주, 지난달, 1월, 최근 7일, 2026-01-01..2026-01-31`,
  nothingMatchesInRange: (range: string) => `${range}에 맞는 글이 없습니다. 대신 기간과 상관없이 가장 잘 맞는 글을 보여 드립니다.`,
} as const;

/** The conversation strings, in one language; English is checked against the Korean table. */
export type ConversationMessages = MessagesOf<typeof ko>;

const en: ConversationMessages = {
  greetingReply: 'Hello! Just type a topic or a question. For example: "nvidia", "this week\'s AI news", "was the OpenClaw bug fixed?"',
  thanksReply: 'You are welcome 🙂',
  apology: 'Sorry, something went wrong while answering. Please ask again in a moment.',
  slowDown: 'A little slower, please. Ask again in a moment.',
  busy: 'Too many requests right now. Please try again in a moment.',
  forgotten: 'I no longer remember which post I showed. Please name the topic again.',
  publishedOn: (title, day) => `"${title}" was published on ${day}.`,
  linksOf: (title) => `Links of "${title}".`,
  noSource: 'This post has no link to an original article.',
  readPost: 'Read the post',
  readSource: 'Original article',
  moreOf: (title) => `${title} — in detail`,
  noOtherPosts: 'There are no more posts to show.',
  topicListTitle: (topic) => `Posts about "${topic}"`,
  inRange: (from, to) => (from === to ? from : `${from} to ${to}`),
  latestInRangeTitle: (range) => `Posts of ${range}`,
  nothingInRange: (range) => `Nothing was posted ${range}. Here are the newest posts instead.`,
  noTopicMatch: (topic) => `No post matches "${topic}". Try other words.`,
  voteUp: '👍',
  voteDown: '👎',
  votedUp: 'Thanks! Glad it helped.',
  votedDown: 'Thanks for telling us. The moderators will see it.',
  voteExpired: 'This answer is too old to vote on.',
  questionsOff: 'The question log is off.',
  questionsTitle: (days) => `Questions the blog could not answer, last ${days} days`,
  questionsNone: (days) => `No unanswered question and no answer voted down in the last ${days} days.`,
  questionsLine: (count, unanswered, downvoted, first, last) =>
    `${count}× (no answer ${unanswered}, 👎 ${downvoted}) · ${first === last ? first : `${first} to ${last}`}`,
  unknownWhen: (text) => `Could not read a time in "${text}". For example: this week, last month, in January, last 7 days, 2026-01-01..2026-01-31`,
  nothingMatchesInRange: (range) => `No post of ${range} matches. Here is the best match from any time instead.`,
};

/** The conversation strings by UI locale. */
export const CONVERSATION_MESSAGES: Record<Locale, ConversationMessages> = { ko, en };
