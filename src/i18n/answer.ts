/**
 * The strings of /ask's answers, in each UI language. Self-contained for now (the other UI
 * strings live in src/bot/i18n.ts until src/i18n holds them all).
 */
/** What a question asks for (the same list as src/answer's `Focus`; i18n imports nothing above it). */
export type Focus = 'number' | 'amount' | 'price' | 'date' | 'person' | 'company' | 'place' | 'name' | 'reason' | 'method' | 'yesno';

/** UI languages of the answer strings (the same as the bot's). */
export type AnswerLocale = 'ko' | 'en';

export interface AnswerMessages {
  askTitle(question: string): string;
  /** No post holds a specific term of the question (P5, 0.15, Rust). */
  noPostMentions(term: string, closestTitle: string): string;
  /** The closest post does not give what is asked (a price, a date). */
  noPostGives(focus: Focus, closestTitle: string): string;
  /** Nothing in the blog is near the question. */
  noAnswer: string;
  /** Label of the sources list. */
  sources: string;
}

const FOCUS_KO: Record<Focus, string> = {
  number: '수치',
  amount: '금액',
  price: '가격',
  date: '날짜',
  person: '인물',
  company: '회사',
  place: '장소',
  name: '이름',
  reason: '이유',
  method: '방법',
  yesno: '답',
};

const FOCUS_EN: Record<Focus, string> = {
  number: 'figure',
  amount: 'amount',
  price: 'price',
  date: 'date',
  person: 'person',
  company: 'company',
  place: 'place',
  name: 'name',
  reason: 'reason',
  method: 'way to do it',
  yesno: 'answer',
};

/** 을 or 를 after a Korean word, by its last syllable's final consonant (Latin words: 을). */
const objectParticle = (word: string): string => {
  const last = word.charCodeAt(word.length - 1);
  if (last < 0xac00 || last > 0xd7a3) return '을(를)';
  return (last - 0xac00) % 28 === 0 ? '를' : '을';
};

const ko: AnswerMessages = {
  askTitle: (question) => `질문: ${question}`,
  noPostMentions: (term, title) => `"${term}"에 대해 쓴 글은 없습니다. 가장 가까운 글은 「${title}」입니다:`,
  noPostGives: (focus, title) =>
    `이 질문의 ${FOCUS_KO[focus]}${objectParticle(FOCUS_KO[focus])} 알려 주는 글은 없습니다. 가장 가까운 글은 「${title}」입니다:`,
  noAnswer: '블로그 글에서 이 질문에 대한 답을 찾지 못했습니다. 다른 표현으로 물어보거나 /summary 로 찾아보세요.',
  sources: '출처',
};

const en: AnswerMessages = {
  askTitle: (question) => `Q: ${question}`,
  noPostMentions: (term, title) => `No post mentions "${term}". The closest post is "${title}":`,
  noPostGives: (focus, title) => `No post gives the ${FOCUS_EN[focus]} this question asks for. The closest post is "${title}":`,
  noAnswer: "The posts don't answer that. Try asking another way, or search with /summary.",
  sources: 'Sources',
};

/** The answer strings in each UI language. */
export const answerMessages: Record<AnswerLocale, AnswerMessages> = { ko, en };
