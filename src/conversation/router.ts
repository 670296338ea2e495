/**
 * The router: what a free-text message asks for. A few words name a topic (→ the post card, as
 * `/summary`), a question wants an answer (→ `/ask`), "최신 글" / "latest" wants the newest
 * posts, a topic with 목록 / 소식 / a time range wants a list, and short messages can be a
 * greeting, thanks, a request for help or for the tags. A reply to the bot can follow up on
 * what it showed last ("원문 링크", "언제 나왔어?", "더 자세히", "다른 글은?") — but only when
 * the message has no topic of its own ("쿠버네티스는?" starts over).
 *
 * Rules, in order (the first that takes the message wins):
 * 1. thanks, greeting, help, tags: that route's phrases and fillers cover the whole message
 *    (a greeting before something else is dropped and the rest is routed);
 * 2. follow-ups, only after the bot showed something: a follow-up's phrases cover the message;
 * 3. latest: newest-post phrases, or a time range with nothing else but generic words;
 * 4. topic-list: a list phrase or a time range, with a topic, and no strong question word;
 * 5. ask: a question mark, a question word or ending, or a long message; "쿠버네티스는?" /
 *    "what about docker?" (a topic and a particle) stays a card;
 * 6. summary: everything else.
 *
 * Pure: no clock (the caller passes `now`), no I/O. Words come from route-words.json; the
 * rules are scored on test/conversation/routing.json.
 */
import words from './route-words.json' with { type: 'json' };
import { readTime, type DateRange } from './time.ts';

/** What the bot does with a message. */
export type Route =
  | 'summary'
  | 'ask'
  | 'latest'
  | 'topic-list'
  | 'tags'
  | 'help'
  | 'greeting'
  | 'followup-date'
  | 'followup-link'
  | 'followup-more'
  | 'followup-other'
  | 'thanks';

/** Routes that refer to what the bot showed last. */
export const FOLLOWUP_ROUTES: readonly Route[] = ['followup-date', 'followup-link', 'followup-more', 'followup-other'];

/** What the bot's message that this one replies to showed (`none`: not a reply to the bot). */
export type Context = 'none' | 'after-card' | 'after-answer' | 'after-list';

/** The router's decision. */
export interface Routed {
  route: Route;
  /**
   * What to search for: the topic (summary, topic-list, without the request words and the time
   * expression), or the question without its time expression (ask). Empty for the other routes.
   */
  query: string;
  /** The dates the message asks about, if it names any. */
  range?: DateRange;
  /** The range is the loose 요즘 / recently one (lists of the newest posts may ignore it). */
  vague?: boolean;
  /** A count the member asked for ("최근 글 5개"). */
  count?: number;
  /** The item of the list shown a follow-up picks ("2번 링크", "두 번째 글 날짜"): 1 = the first, -1 = the last. */
  pick?: number;
}

interface PhraseSet {
  phrases: string[];
  fillers: string[];
}

const PARTICLES = [...words.particles].sort((a, b) => b.length - a.length);
const PARTICLE_SET = new Set([...PARTICLES, ...words.remnants]);
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isLatin = (text: string): boolean => /^[\p{Script=Latin}\d\s'’-]+$/u.test(text);

const phraseCache = new Map<string, RegExp>();
/** Latin phrases match as whole words; Hangul ones anywhere, since Korean attaches particles. */
function phrasePattern(phrase: string): RegExp {
  let pattern = phraseCache.get(phrase);
  if (!pattern) {
    const body = escape(phrase.normalize('NFKC')).replace(/\s+/g, '\\s*');
    pattern = new RegExp(isLatin(phrase) ? `(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])` : body, 'giu');
    phraseCache.set(phrase, pattern);
  }
  return pattern;
}

/** `text` with every phrase taken out (longest first), and how many were found. */
function stripPhrases(text: string, phrases: readonly string[]): { rest: string; hits: number } {
  let rest = text;
  let hits = 0;
  for (const phrase of [...phrases].sort((a, b) => b.length - a.length)) {
    rest = rest.replace(phrasePattern(phrase), () => {
      hits += 1;
      return ' ';
    });
  }
  return { rest, hits };
}

/** A token without the punctuation around it. */
function bare(token: string): string {
  return token.replace(/^[^\p{L}\p{N}\p{Extended_Pictographic}]+|[^\p{L}\p{N}\p{Extended_Pictographic}+#]+$/gu, '');
}

/** A token without a trailing particle, when what remains is still a word. */
function withoutParticle(token: string): string {
  for (const particle of PARTICLES) {
    if (token.length > particle.length && token.endsWith(particle)) return token.slice(0, -particle.length);
  }
  return token;
}

/** The tokens of `text` that are neither fillers nor particles, particles cut off. */
function residue(text: string, fillers: readonly string[]): string[] {
  const fillerSet = new Set(fillers.map((filler) => filler.normalize('NFKC').toLowerCase()));
  const left: string[] = [];
  for (const raw of text.split(/\s+/)) {
    const token = bare(raw);
    const lower = token.toLowerCase();
    if (!token || fillerSet.has(lower) || PARTICLE_SET.has(lower)) continue;
    const stem = withoutParticle(token);
    if (fillerSet.has(stem.toLowerCase())) continue;
    left.push(stem);
  }
  return left;
}

/** True when `set`'s phrases (at least one) and fillers cover all of `text`. */
function covers(text: string, set: PhraseSet): boolean {
  const { rest, hits } = stripPhrases(text, set.phrases);
  return hits > 0 && residue(rest, set.fillers).length === 0;
}

/** A follow-up's own fillers plus the ones every follow-up allows (pronouns, politeness, "the post"). */
const withCommon = (set: PhraseSet): PhraseSet => ({ phrases: set.phrases, fillers: [...set.fillers, ...words.followups.common] });
const FOLLOWUPS: [Route, PhraseSet][] = [
  ['followup-date', withCommon(words.followups.date)],
  ['followup-link', withCommon(words.followups.link)],
  ['followup-other', withCommon(words.followups.other)],
  ['followup-more', withCommon(words.followups.more)],
];
const AMBIGUOUS_MORE = withCommon(words.followups.ambiguous);

/** Ordinal words, keyed without spaces ("두번째" and "두 번째" alike); -1 is the last item. */
const ORDINAL_WORDS = new Map(Object.entries(words.ordinals).map(([word, n]) => [word.replace(/\s+/g, '').toLowerCase(), n]));
const ORDINAL_PATTERN = Object.keys(words.ordinals).sort((a, b) => b.length - a.length).map((word) => escape(word).replace(/\s+/g, '\\s*'));
const ORDINAL = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(\\d{1,2})\\s*(?:번째|번|st|nd|rd|th)|(${ORDINAL_PATTERN.join('|')}))` +
    `(?:\\s*(?:거|글|꺼|것|one|post))?(?:은|는|이|가|도)?(?![\\p{L}\\p{N}])`,
  'iu',
);

/** "2번 링크" → the item picked and the rest ("링크"); the text itself when it picks none. */
function pickedItem(text: string): { rest: string; pick?: number } {
  const match = ORDINAL.exec(text);
  if (!match) return { rest: text };
  const rest = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`.trim();
  const pick = match[1] ? Number(match[1]) : ORDINAL_WORDS.get(match[2]!.replace(/\s+/g, '').toLowerCase());
  return rest && pick ? { rest, pick } : { rest: text };
}

function followUp(message: string, context: Context): { route: Route; pick?: number } | undefined {
  if (context === 'none') return undefined;
  const { rest: text, pick } = pickedItem(message);
  const picked = pick ? { pick } : {};
  for (const [route, set] of FOLLOWUPS) if (covers(text, set)) return { route, ...picked };
  if (covers(text, AMBIGUOUS_MORE)) return { route: context === 'after-list' && !pick ? 'followup-other' : 'followup-more', ...picked };
  return undefined;
}

/** A leading greeting ("안녕 혹시 prek 쓸만해?"): the rest, or the text itself when there is none. */
function withoutGreeting(text: string): string {
  for (const phrase of [...words.greeting.phrases].sort((a, b) => b.length - a.length)) {
    const match = new RegExp(`^\\s*${escape(phrase.normalize('NFKC'))}(?:[\\s,!.~]+|$)`, 'iu').exec(text);
    if (match && match[0].length < text.length) return text.slice(match[0].length).trim();
  }
  return text;
}

const KO_QUESTION_START = new RegExp(`(?:^|\\s)(?:${words.question.koreanWords.map(escape).join('|')})`, 'u');
const KO_QUESTION_END = new RegExp(`(?:${words.question.koreanEndings.map(escape).join('|')})(?=[\\s?!.~]*$|\\s)`, 'u');
const EN_QUESTION_START = new RegExp(`^(?:${words.question.englishStarts.map(escape).join('|')})(?![\\p{L}])`, 'iu');
const EN_QUESTION_WORDS = new RegExp(`(?<![\\p{L}])(?:${words.question.englishWords.map(escape).join('|')})(?![\\p{L}])`, 'iu');
const LONG_MESSAGE_TOKENS = 7;

function isQuestion(text: string): boolean {
  if (/[?？]/.test(text)) return true;
  if (EN_QUESTION_START.test(text) || EN_QUESTION_WORDS.test(text)) return true;
  if (KO_QUESTION_START.test(text) || KO_QUESTION_END.test(text)) return true;
  return text.split(/\s+/).length >= LONG_MESSAGE_TOKENS;
}

function hasStrongQuestion(text: string): boolean {
  return words.strongQuestion.some((word) => (isLatin(word) ? phrasePattern(word) : new RegExp(`(?:^|\\s)${escape(word)}`, 'u')).test(text));
}

/** "쿠버네티스는?", "그럼 ollama는?", "what about docker?": a topic of its own, asked for as a card. */
function topicWithParticle(text: string): string | undefined {
  let body = text.replace(/[?？!.\s]+$/u, '');
  const { rest } = stripPhrases(` ${body} `, words.summary.leadIns);
  body = rest.trim();
  const tokens = body.split(/\s+/);
  if (!body || tokens.length > 3 || !/[?？]$/.test(text.trim())) return undefined;
  const particle = /(은|는|은요|는요)$/u.exec(body);
  const english = /^(what about|how about)\s/i.test(text.trim());
  if (!particle && !english) return undefined;
  return particle ? body.slice(0, -particle[1]!.length).trim() : body;
}

const COUNT = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})\\s*(?:${words.countUnits.map(escape).join('|')})(?![\\p{L}])`, 'iu');

/** The topic words of `text`: without the route's phrases and fillers, particles cut off. */
function topicOf(text: string, set: PhraseSet): string {
  return residue(stripPhrases(text, set.phrases).rest, set.fillers).join(' ');
}

/** A short card request's topic: "Moltbook 알려줘" → "Moltbook". */
function summaryTopic(text: string): string {
  const stripped = stripPhrases(text, [...words.summary.phrases, ...words.summary.leadIns]).rest;
  const cleaned = stripped.replace(/\s+/g, ' ').replace(/[?？!.~]+$/u, '').trim();
  const tokens = cleaned.split(' ');
  const last = tokens.pop();
  if (last !== undefined) tokens.push(withoutParticle(last));
  return tokens.join(' ').trim() || text.trim();
}

/**
 * Routes a free-text message. `context` says what the bot showed in the message this one replies
 * to; `now` and `timeZone` (the site's, e.g. `Asia/Seoul`) place its time expressions.
 */
export function route(text: string, context: Context, now: Date, timeZone: string): Routed {
  const message = text.normalize('NFKC').trim();
  if (!message) return { route: 'help', query: '' };
  for (const [name, set] of [['thanks', words.thanks], ['greeting', words.greeting]] as const) {
    if (covers(message, set)) return { route: name, query: '' };
  }
  const rest = withoutGreeting(message);
  if (covers(rest, words.help)) return { route: 'help', query: '' };
  if (covers(rest, words.tags)) return { route: 'tags', query: '' };
  const followup = followUp(rest, context);
  if (followup) return { ...followup, query: '' };
  return routeRequest(rest, now, timeZone);
}

/** Rules 3–6: latest, topic-list, ask, summary. */
function routeRequest(text: string, now: Date, timeZone: string): Routed {
  const time = readTime(text, now, timeZone);
  const count = COUNT.exec(time.topic);
  const withoutCount = count ? time.topic.replace(count[0], ' ') : time.topic;
  const when = {
    ...(time.range ? { range: time.range } : {}),
    ...(time.vague ? { vague: true } : {}),
    ...(count ? { count: Number(count[1]) } : {}),
  };
  const latestLeft = residue(stripPhrases(withoutCount, words.latest.phrases).rest, words.latest.fillers);
  const latestHits = stripPhrases(withoutCount, words.latest.phrases).hits;
  if (latestLeft.length === 0 && (latestHits > 0 || time.range)) return { route: 'latest', query: '', ...when };
  // "최신 AI 글" / "latest rust posts": newest-post words with a topic ask for a list on it.
  const listSet = { phrases: [...words.list.phrases, ...words.latest.phrases], fillers: words.list.fillers };
  const listHits = stripPhrases(withoutCount, listSet.phrases).hits;
  const listTopic = topicOf(withoutCount, listSet);
  if (listTopic && (listHits > 0 || time.range) && !hasStrongQuestion(withoutCount) && (listHits > 0 || !isQuestion(withoutCount))) {
    return { route: 'topic-list', query: listTopic, ...when };
  }
  const cardTopic = topicWithParticle(time.topic);
  if (cardTopic) return { route: 'summary', query: cardTopic, ...when };
  if (isQuestion(time.topic)) return { route: 'ask', query: time.topic || text, ...when };
  return { route: 'summary', query: summaryTopic(time.topic || text), ...when };
}
