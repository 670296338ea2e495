/**
 * Reads a question before it is answered: its language, its focus (what kind of thing the answer
 * must contain) and its terms, split into the specific ones (versions, model numbers, years,
 * quarters, amounts, names written in Latin letters inside Korean) that the answering post must
 * contain, and the other content words. Pure functions; the word lists are in cues.json.
 */
import { analyzeQueryWords, stripKorean, type Word } from '../search/analyzer.ts';
import { isOptionalWord } from '../search/expand.ts';
import { FINALS, MEDIALS, composeSyllable, decomposeSyllable } from '../search/hangul.ts';
import cues from './cues.json' with { type: 'json' };
import { ADNOMINAL_FINALS } from './terms.ts';
import { namedVersionsOf, type NamedVersion } from './versions.ts';

/** What a question asks for. */
export const FOCUSES = ['number', 'amount', 'price', 'date', 'person', 'company', 'place', 'name', 'reason', 'method', 'yesno'] as const;
export type Focus = (typeof FOCUSES)[number];

/** A question as the answer module reads it. */
export interface ReadQuestion {
  text: string;
  /** Korean when the question has any Hangul. */
  lang: 'ko' | 'en';
  focus: Focus;
  /** Content words, question words and generic words left out; a verb made of a noun (발표됐어) also reads as the noun (발표). */
  words: Word[];
  /**
   * Words the answer must be about: those with digits (P5, 0.15, CVE-2025-68146, 2025년, 3분기)
   * and, in a Korean question, words in Latin letters (Rust, Husky). The post must contain each.
   */
  specific: Word[];
  /**
   * Korean topic words (nouns) the answering post must hold, in the post's own words or through
   * the index's aliases (리얼미 = Realme): colloquial verbs and words naming the kind of answer are
   * left out.
   */
  topic: Word[];
  /** The word naming the kind of thing asked for (무슨 **프로세서**, 누구 **프로젝트**, which **interpreter**), if any: no topic word. */
  category?: Word;
  /**
   * A Korean question's word just before its question word (통신사 어디야, 검사 기간 언제부터,
   * 박사후연구원 누구): what the answer is asked of, which the post names by the answer itself
   * (TELUS, 12월 8일부터 14일까지) without needing to write the word.
   */
  askedOf?: Word;
  /**
   * For a number question that names what it measures (무게, battery, memory), or a question asking
   * which day (며칠): the unit its answer has.
   */
  unit?: RegExp;
  /**
   * The question's words naming what {@link unit} measures (해상도, 주사율, 무게, battery): a
   * sentence giving a number in that unit says the measure by the unit (1366×768 디스플레이,
   * 120Hz ProMotion), so it need not write the word.
   */
  unitWords: Word[];
  /**
   * Which of several figures or dates is asked for: the Korean word before what is measured
   * (철거 in 철거 비용, 출시 in 출시일), or the event a date question names (계약 in 계약 며칠에 맺었어).
   * The sentence that answers must say it (or the one before it):
   * a post's maintenance cost is not its demolition cost.
   */
  qualifier?: Word;
  /**
   * English questions: which figure or date is asked for, as the question's grammar says it (how
   * much … spend → spending or cost, X's budget, when … launch, how many employees, how much did
   * X cut maternal deaths): the sentence that answers, or the one before, must write each group,
   * by one of its words in some spelling. Empty when the question names none, or counts what
   * Korean counts with a counter (how many people: 3명).
   */
  measured: Word[][];
  /**
   * English questions: the names in it, words capitalized after the first (Husky, Dropbox, Nostr).
   * When only a narrower question finds passages, a name no post writes makes it unanswerable.
   */
  names: Word[];
  /**
   * Topic words the question may use as verbs (see {@link VerbCandidate}): verbs unless the
   * posts that hold them use them as nouns, which only the answer module can ask.
   */
  verbCandidates: VerbCandidate[];
  /**
   * English questions: the words that say which post is asked about ("the compliance tools
   * article", "the DX talk", "rachel toor's column"). The post must hold them like any other
   * word; its answering sentence need not: they name the post, not what the answer says.
   */
  postWords: Word[];
  /**
   * The versions and model numbers written after a name (루비 4.1, Realme P5, Opus 5): the answer
   * must not be a sentence about another version of that name.
   */
  versions: NamedVersion[];
  /**
   * The question asks how much a figure changed (얼마 할인돼, 얼마나 늘었어, how much cheaper, the
   * discount on X), not the figure itself: only then does a figure written as a change ($100 할인,
   * 500억 원 증가) answer a price or an amount question.
   */
  asksChange: boolean;
}

/**
 * A topic word written the way a verb is: in its adnominal form before another word (나온
 * 레스토랑, 받아오는 새 프로그램), with a connective ending (나가고, 떨어져서, 늘리려고), or last
 * (흙은 어디로 보내?).
 */
export interface VerbCandidate {
  word: Word;
  /**
   * Forms only the verb it would be has (나온다, 나오는, 나왔 for 나온; 받아오며, 받아왔 for
   * 받아오는; 나가는, 나갔 for 나가고): the word is a verb only if the posts that hold it write one
   * of them, since many nouns end in ㄴ or ㄹ (무선 충전), in 고 or 게 (광고, 무게), or take 는.
   */
  verbForms: string[];
  /** The verb ending the question writes after the stem (는 in 받아오는, 고 in 나가고), if any. */
  ending?: string;
  /**
   * The question's whole word when the analyzer read its last syllable as a particle (돌아가 for
   * 돌아): a post writes the verb 돌아와, not the noun 돌아 with 와, so the noun check reads this.
   */
  written?: string;
}

const compile = (sources: readonly string[]): RegExp[] => sources.map((source) => new RegExp(source, 'i'));
const QUESTION_CUES = new Map(cues.order.map((focus) => [focus as Focus, compile(cues.questionCues[focus as Focus])]));
const GENERIC = new Set(cues.genericWords);
/** Words naming the kind of answer (도시, 회사): they help pick the sentence, but a post that answers need not hold them. */
const CATEGORY_WORDS = new Set(cues.categoryWords);
const CATEGORY_CUE = new RegExp(cues.categoryCue, 'i');
const ASKED_OF_CUE = new RegExp(cues.askedOfCue);
/** 며칠: the answer is a day of the month (3일, March 5), not only a year. */
const DAY_QUESTION = { cue: new RegExp(cues.dayQuestion.cue, 'i'), unit: new RegExp(cues.dayQuestion.unit, 'i') };
const MEASURES = cues.measures.map(({ cue, unit }) => ({ cue: new RegExp(cue, 'i'), unit: new RegExp(unit, 'i') }));
const CHANGE_QUESTION = new RegExp(cues.changeQuestion.cue, 'i');
const CHANGE_NOUN = new RegExp(cues.changeQuestion.changeNoun, 'i');
const VALUE_NOUN = new RegExp(cues.changeQuestion.valueNoun, 'i');

/** See {@link ReadQuestion.asksChange}: a change asked for, or a change named without the value it changes (할인 얼마야, not 할인된 가격 얼마야). */
const asksChange = (text: string): boolean => CHANGE_QUESTION.test(text) || (CHANGE_NOUN.test(text) && !VALUE_NOUN.test(text));
const COMPARISON = { cue: new RegExp(cues.comparisonQuestion.cue, 'i'), unit: cues.comparisonQuestion.unit };

/** The unit of a measured figure, or a ratio as well when the question compares it with another (how much less memory: 1/20, 20:1). */
function measuredUnit(text: string): RegExp | undefined {
  const unit = measureOf(text)?.unit;
  return unit && COMPARISON.cue.test(text) ? new RegExp(`${unit.source}|${COMPARISON.unit}`, 'i') : unit;
}

/** The first of cues.json's measures the question names. */
const measureOf = (text: string) => MEASURES.find((measure) => measure.cue.test(text));

/** The question's words that are the measure's own name (해상도 in 화면 해상도 몇), see {@link ReadQuestion.unitWords}. */
function unitWordsOf(text: string, words: readonly Word[]): Word[] {
  const cue = measureOf(text)?.cue;
  return cue ? words.filter((word) => [word.term, ...word.variants].some((form) => cue.test(form))) : [];
}
/** Counters after 몇, longest first (가지 before 가), with the units a number answering them carries. */
const COUNTERS = Object.entries(cues.counters as Record<string, string>).sort(([a], [b]) => b.length - a.length);
const AFTER_MYEOT = /몇\s*([^\s?.!,]+)/;
/** A unit symbol opening the word after 몇, with a Korean ending after it or none (mA, Wh였어, MB). */
const LATIN_UNIT = new RegExp(`^(${[...cues.unitSymbols].sort((a, b) => b.length - a.length).join('|')})(?![a-z])`, 'i');
/** A round number in Korean words (백만, 수천): a counter after it counts as after digits. */
const KOREAN_NUMERAL = cues.koreanNumeral;
/** A count in Korean numerals (두 가지, 세 배, 한 번), a whole word: the counter after it counts as after digits. */
const NATIVE_COUNT = `(?<![\\uAC00-\\uD7A3])(${cues.nativeNumerals.join('|')})`;

/**
 * The counter of "몇 배야", "몇 가지", "몇 위" as written (배야), and the unit its answer carries
 * (3배, 3x): the word after 몇 says what is counted, so a sentence without that counter does not
 * answer, and the word itself is no topic of the question.
 */
function counterOf(text: string): { token: string; unit: RegExp } | undefined {
  const token = AFTER_MYEOT.exec(text)?.[1];
  if (!token) return undefined;
  const counter = COUNTERS.find(([key]) => token.toLowerCase().startsWith(key));
  // A unit symbol after 몇 (몇 mA, 몇 Wh, 몇 MB) is the unit the answer's number is written in.
  const symbol = LATIN_UNIT.exec(token)?.[1];
  if (!counter && symbol) return { token, unit: new RegExp(`\\d\\s*${symbol}(?![a-z])`, 'i') };
  if (!counter) return { token, unit: /\d/ };
  return { token, unit: new RegExp(`(\\d[\\d,.]*\\s*(만|억|천)?|${KOREAN_NUMERAL}|${NATIVE_COUNT})\\s*(${counter[1]})`, 'i') };
}

const NATIVE_NUMERAL = new RegExp(`(?:^|\\s)(?:${cues.nativeNumerals.join('|')})\\s+([^\\s?.!,]+)`, 'g');

/**
 * The counters the question writes after a Korean numeral (주제 세 개가, 두 명이), as written: like
 * the word after 몇, they count the answer and are no topic words.
 */
function countedTokens(text: string): string[] {
  return [...text.matchAll(NATIVE_NUMERAL)].map((match) => match[1]!).filter((token) => COUNTERS.some(([key]) => token.startsWith(key)));
}

const LEADING_QUESTION_WORDS = new Map(Object.entries(cues.leadingQuestionWords).map(([focus, source]) => [focus as Focus, new RegExp(source, 'i')]));

const ASKING = {
  sentenceBreak: new RegExp(cues.askingClause.sentenceBreak),
  contextEnding: new RegExp(cues.askingClause.contextEnding),
  questionWord: new RegExp(cues.askingClause.questionWords),
  verbFinal: new RegExp(cues.askingClause.verbFinal),
  request: new RegExp(cues.askingClause.request),
  existence: new RegExp(cues.askingClause.existence),
};

/**
 * The focus of a question, read from the sentence that asks (see {@link askingSentences}): the
 * last one that asks for something other than yes or no, else yes or no. A sentence giving
 * background (doom coding 하려면 필요하다던데) names the reason for asking, not what is asked.
 */
export function focusOf(text: string): Focus {
  const sentences = askingSentences(text);
  for (let i = sentences.length - 1; i >= 0; i--) {
    const focus = sentenceFocus(sentences[i]!);
    if (focus !== 'yesno') return focus;
  }
  return 'yesno';
}

/**
 * The question's sentences, without those giving background (-다던데, -는데 with no question mark
 * and no question word), unless every one does: 어떤 회사용이었다던데 still asks which company.
 */
function askingSentences(text: string): string[] {
  const sentences = text.split(ASKING.sentenceBreak).filter((sentence) => sentence.trim() !== '');
  const isBackground = (sentence: string): boolean =>
    !sentence.includes('?') && ASKING.contextEnding.test(sentence) && !ASKING.questionWord.test(sentence);
  const asking = sentences.filter((sentence) => !isBackground(sentence));
  return asking.length > 0 ? asking : [text];
}

/**
 * A Korean sentence with no question word that ends in a verb asks yes or no, whatever focus
 * nouns it holds (100달러 할인해?, 과징금에 항소했대?): the nouns say what it is about. A request
 * (가격 알려줘) and a question whether the noun's thing exists (방법 있어요?) ask for the thing.
 */
function asksYesOrNo(sentence: string): boolean {
  if (!/[\uAC00-\uD7A3]/.test(sentence) || ASKING.questionWord.test(sentence) || ASKING.request.test(sentence)) return false;
  if (!ASKING.verbFinal.test(sentence)) return false;
  const existing = ASKING.existence.exec(sentence)?.[1];
  return existing === undefined || cuedFocus(existing) === 'yesno';
}

/**
 * The focus of one sentence: the first focus in cues.json's order whose cues match it, unless that
 * focus comes from an English question word (why, where, when, who) and another of them is
 * written earlier: the first asks, a later one opens a clause (where was X when …).
 */
function sentenceFocus(text: string): Focus {
  if (asksYesOrNo(text)) return 'yesno';
  const focus = cuedFocus(text);
  const own = LEADING_QUESTION_WORDS.get(focus)?.exec(text);
  if (!own) return focus;
  let first = { focus, index: own.index };
  for (const [other, pattern] of LEADING_QUESTION_WORDS) {
    const index = pattern.exec(text)?.index;
    if (index !== undefined && index < first.index) first = { focus: other, index };
  }
  return first.focus;
}

/** The first focus in cues.json's order whose cues match the question. */
function cuedFocus(text: string): Focus {
  for (const [focus, patterns] of QUESTION_CUES) if (patterns.some((pattern) => pattern.test(text))) return focus;
  return 'yesno';
}

const HAS_DIGIT = /\d/;
const LATIN = /[a-z]/;
/** Quarters and years are specific however they are written: 4분기, Q3, 2025년. */
const isSpecific = (word: Word, lang: 'ko' | 'en'): boolean =>
  HAS_DIGIT.test(word.term) || (lang === 'ko' && word.kind !== 'hangul' && LATIN.test(word.term) && word.term.length >= 2);

/**
 * The part of a specific word a post must hold: a Latin name glued to a Korean ending loses the
 * ending (Claude용 → claude), a number keeps its first syllable of unit (4일제 → 4일, 2025년).
 */
function specificPart(word: Word): Word {
  if (word.kind !== 'mixed' || !/[\uAC00-\uD7A3]/.test(word.term)) return word;
  const match = /^([^\uAC00-\uD7A3]+)([\uAC00-\uD7A3])?/.exec(word.term);
  if (!match) return word;
  const [, latin, syllable] = match;
  const figure = /^[\d.,]+$/.test(latin!) && syllable !== undefined;
  const term = figure ? latin! + syllable : latin!;
  return { term, variants: [], parts: figure ? numberedNameParts(word, latin!) : [], grams: [], kind: 'mixed' };
}

/** Fewest syllables of a Hangul word glued to a number that may make the two one name: 37시그널즈, not 4일제. */
const MIN_NUMBERED_NAME = 3;

/**
 * A number glued to a Hangul word of three syllables or more may be a name (37시그널즈, 37 Signals)
 * rather than a figure and its unit (4일제, 2025년부터): its parts, the number and the Hangul word,
 * let a post that writes the name hold it (see holdsNumberedName).
 */
function numberedNameParts(word: Word, number: string): string[] {
  const hangul = stripKorean(word.term.slice(number.length)).stem;
  return hangul.length >= MIN_NUMBERED_NAME && /^[\uAC00-\uD7A3]+$/.test(hangul) ? [number, hangul] : [];
}

const COUNTER_UNITS = new Map(COUNTERS);
const NUMBER_AND_COUNTER = /^(\d[\d,.]*)([\uAC00-\uD7A3]+)$/;
const PLAIN_UNIT = /^[\p{L}%]+$/u;

const unitsOf = (counter: string): string[] => COUNTER_UNITS.get(counter)?.split('|') ?? [];

/**
 * A number with a counter (13살, 3번) also read with the counter's other units that count the
 * same in return, as cues.json's counters list them (13세, 3회): a post writes an age or a count
 * in either, and the number is what makes the word specific. Not a unit only the answer to 몇
 * may carry (50대 answers 몇 살, but 13대 is no 13살).
 */
function withCounterUnits(word: Word): Word {
  const [, number, counter] = NUMBER_AND_COUNTER.exec(word.term) ?? [];
  if (counter === undefined || !COUNTER_UNITS.has(counter)) return word;
  const others = unitsOf(counter).filter((unit) => unit !== counter && PLAIN_UNIT.test(unit) && unitsOf(unit).includes(counter));
  // Specific words are read again after specificPart: a word that has its units keeps them once.
  return { ...word, variants: [...new Set([...word.variants, ...others.map((unit) => number + unit)])] };
}

const QUESTION_STEMS = /^(누구|누가|얼마|어디|언제|며칠|몇|뭐|무엇|무슨|어떤|어느|어떻게|왜)/;
const isGeneric = (word: Word): boolean =>
  GENERIC.has(word.term) || word.variants.some((variant) => GENERIC.has(variant)) || QUESTION_STEMS.test(word.term);

const PREDICATE_ENDINGS = [...cues.predicateEndings].sort((a, b) => b.length - a.length);

/** ㅆ as a final consonant, by its index in a syllable. */
const SSANG_SIOT = FINALS.indexOf('ㅆ');

/**
 * True when the word holds a syllable ending in ㅆ: in Korean only the tense and mood markers
 * (있었다고, 늘었어, 발표됐어, 하겠다, 하셨나) and 있다 carry it, never a noun, wherever in the
 * word it stands and whatever ending follows it.
 */
export function hasTenseMarker(term: string): boolean {
  return [...term].some((char) => decomposeSyllable(char)?.final === SSANG_SIOT);
}

/** A Korean word that reads as a verb or adjective of the question (먹어, 늘었어, 매긴), not as a topic. */
const isPredicate = (word: Word): boolean =>
  [word.term, ...word.variants].some((form) => hasTenseMarker(form) || PREDICATE_ENDINGS.some((ending) => form.endsWith(ending)));

const TOPIC_PARTICLES = [...cues.topicParticles].sort((a, b) => b.length - a.length);

/**
 * A Korean topic word without the particle the analyzer left on it (모바일도 → 모바일, 크기만큼 →
 * 크기), or undefined when a longer particle leaves one syllable (방만큼): a one-syllable noun
 * says too little to make a post unable to answer. A one-syllable particle is taken off only when
 * two syllables stay: 인도, 속도 and 정도 end in 도 and are nouns.
 */
function withoutParticle(word: Word): Word | undefined {
  const particle = TOPIC_PARTICLES.find((p) => word.term.endsWith(p) && word.term.length > p.length);
  if (!particle) return withSubjectReading(word);
  const term = word.term.slice(0, -particle.length);
  if (term.length >= 2) return { ...word, term, variants: [], parts: [], grams: [] };
  return particle.length === 1 ? word : undefined;
}

/** Subject particles the analyzer leaves after one syllable (팀이, 돈이, 곳이). */
const SUBJECT_PARTICLES = new Set(['이', '가']);

/**
 * A two-syllable word ending in 이 or 가 read both ways: the analyzer keeps 팀이 whole, since 나이,
 * 사이 and 차이 are nouns, so a post writing 팀은 or 팀을 holds it too (its stem is a variant, which
 * containsWord matches as a whole term, never inside another word).
 */
function withSubjectReading(word: Word): Word {
  if (word.term.length !== 2 || !SUBJECT_PARTICLES.has(word.term[1]!)) return word;
  return { ...word, variants: [...word.variants, word.term[0]!] };
}

const VERBAL_ENDINGS = [...cues.verbalEndings].sort((a, b) => b.length - a.length);

/**
 * A noun the question uses as its verb (참고한, 연동하는, 해킹당한: X하다, X되다, X당하다): it says
 * what is done, not what the post is about, so the post need not hold it.
 */
function isVerbalNoun(word: Word, text: string): boolean {
  const stem = word.term.replace(/당$/, '');
  return text.split(/\s+/).some((token) => token.startsWith(stem) && VERBAL_ENDINGS.some((ending) => token.slice(stem.length).startsWith(ending)));
}

/**
 * A verb the question makes of a noun with 하다 or 되다 (발표됐어, 출시했나요, 공개한대), which the
 * analyzer keeps whole, also read as that noun: the sentence that says 발표되었으며 or 발표 holds
 * it. Only a noun of at least two syllables: 한국, 대한 stay as they are.
 */
function withVerbalStem(word: Word): Word {
  if (word.kind !== 'hangul') return word;
  for (let end = 2; end < word.term.length; end++) {
    const rest = word.term.slice(end);
    if (VERBAL_ENDINGS.some((ending) => rest.startsWith(ending))) return { ...word, variants: [...word.variants, word.term.slice(0, end)] };
  }
  return word;
}

const NUMBER_SUFFIX = new RegExp(`^(.*\\d.*[\uAC00-\uD7A3])(${cues.numberSuffixes.join('|')})$`);

/**
 * A number and its unit with a suffix glued on (202파운드짜리, 3시간가량) also read without it, as
 * the post writes it (202파운드의).
 */
function withoutNumberSuffix(word: Word): Word {
  const bare = NUMBER_SUFFIX.exec(word.term)?.[1];
  return bare ? { ...word, variants: [...word.variants, bare] } : word;
}

const MEASURE_NOUN = new RegExp(`^([\uAC00-\uD7A3]{2,})?(${cues.measureNouns.join('|')})`);
/** A date noun (출시일, 마감일), perhaps after a word glued on (정식출시일): its first part, then 일, as {@link MEASURE_NOUN} groups them. */
const DATE_NOUN = new RegExp(`^[\uAC00-\uD7A3]*?(${cues.dateNouns.map((noun) => noun.replace(/일$/, '')).join('|')})(일)`);
const QUALIFIED_FOCUSES: ReadonlySet<Focus> = new Set(['amount', 'price', 'date', 'number']);

/**
 * The qualifier of what a question measures (see {@link ReadQuestion.qualifier}): the first part
 * of a compound (출시일 → 출시) or the Hangul word written just before (철거 비용 → 철거).
 */
function qualifierOf(text: string, focus: Focus): Word | undefined {
  if (!QUALIFIED_FOCUSES.has(focus)) return undefined;
  const tokens = text.split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    // Only a listed date noun ends in a day: 프리모바일, 컴파일 and 일일 사용자 are no dates.
    const match = (focus === 'date' ? DATE_NOUN.exec(tokens[i]!) : null) ?? MEASURE_NOUN.exec(tokens[i]!);
    if (!match) continue;
    const before = match[1] ?? (i > 0 && /^[\uAC00-\uD7A3]{2,}$/.test(tokens[i - 1]!) ? tokens[i - 1] : undefined);
    // A verb before it (매긴 과징금, 잡은 날짜: a stem with the adnominal 은, 는 or 던 right before
    // the noun) says nothing about which one.
    const adnominal = (w: Word): boolean => match[1] === undefined && [...ADNOMINAL_ENDINGS].some((ending) => before === w.term + ending);
    const word = before
      ? analyzeQueryWords(before).find((w) => w.kind === 'hangul' && !isGeneric(w) && !isPredicate(w) && !adnominal(w))
      : undefined;
    if (word) return withoutParticle(word);
  }
  return focus === 'date' ? eventOf(tokens) : undefined;
}

/** Nouns naming an event a date is the day of (계약, 시행, 발표). */
const EVENT_NOUNS: ReadonlySet<string> = new Set(cues.eventNouns);

/**
 * The event a Korean date question asks the day of, written as a word, bare or with a particle
 * (계약 in 국방부 계약 … 맺은거야): the sentence that answers says it, as it says 출시 for 출시일;
 * another event's day (of a hearing, of pressure put on the company) is not it.
 */
function eventOf(tokens: readonly string[]): Word | undefined {
  return tokens.flatMap((token) => analyzeQueryWords(token)).find((word) => word.kind === 'hangul' && EVENT_NOUNS.has(word.term));
}

const MEASURED_WORDS = cues.measuredWords.map((entry: { cue: string; words?: string[]; every?: boolean }) => ({
  cue: new RegExp(entry.cue, 'i'),
  words: entry.words,
  every: entry.every === true,
}));
/** Nouns Korean counts with a counter on the number (3명, 12년, 5번), not with the noun. */
const COUNTER_NOUNS: ReadonlySet<string> = new Set(cues.counterNouns);

/**
 * The word groups of {@link ReadQuestion.measured}, from each cue of cues.json's measuredWords
 * the question matches: its words as one group (spend → spending or cost), or the
 * words its group captures, the first one (how many **employees**) or, for a cue marked `every`,
 * each in its own group (how much did X cut **maternal deaths**: 산모 and 사망). A noun Korean
 * counts with a counter glued to the number (people → 3명) is no group.
 */
function measuredOf(text: string, lang: 'ko' | 'en', focus: Focus): Word[][] {
  if (lang !== 'en' || !QUALIFIED_FOCUSES.has(focus)) return [];
  const groups = MEASURED_WORDS.flatMap(({ cue, words, every }) => {
    const match = cue.exec(text);
    if (!match) return [];
    if (words) return [words.flatMap((word) => analyzeQueryWords(word).slice(0, 1))];
    const captured = analyzeQueryWords(match[1] ?? '').filter((word) => !isGeneric(word));
    return (every ? captured : captured.slice(0, 1)).filter((word) => !COUNTER_NOUNS.has(word.term)).map((word) => [word]);
  });
  // A group holding every word of a narrower one (death, 사망 … beside the captured death) says nothing more.
  const terms = groups.map((group) => new Set(group.map((word) => word.term)));
  return groups.filter((_, i) => !terms.some((other, j) => j !== i && [...other].every((term) => terms[i]!.has(term)) && (other.size < terms[i]!.size || j < i)));
}

/** A capitalized word that does not open the question or a sentence of it. */
const INNER_NAME = /(?<=[^.?!]\s+)[A-Z][A-Za-z0-9+.-]*[A-Za-z0-9]/g;

/** Capitalized, but the posts write them in Korean (Irish → 아일랜드): not names. */
const DEMONYMS = new Set(cues.demonyms);

function namesOf(text: string, lang: 'ko' | 'en'): Word[] {
  if (lang !== 'en') return [];
  return (text.match(INNER_NAME) ?? [])
    .flatMap((token) => analyzeQueryWords(token))
    .filter((word) => !isGeneric(word) && word.term.length >= 2 && !DEMONYMS.has(word.term));
}

const POST_REFERENCES = cues.postReference.map((source) => new RegExp(source, 'gi'));

/** The words of an English question's phrases naming the post it asks about (see {@link ReadQuestion.postWords}). */
function postWordsOf(text: string, lang: 'ko' | 'en', words: readonly Word[]): Word[] {
  if (lang !== 'en') return [];
  const terms = new Set(
    POST_REFERENCES.flatMap((pattern) => [...text.matchAll(pattern)]).flatMap((match) => analyzeQueryWords(match[1]!).map((word) => word.term)),
  );
  return words.filter((word) => terms.has(word.term));
}

/** What follows a verb stem in its adnominal form when the analyzer read it as a particle (받아오는, 쓰던). */
const ADNOMINAL_ENDINGS = new Set(['는', '은', '던']);
/** Connective endings the analyzer leaves on a verb (나가고, 늘리려고), longest first. */
const CONNECTIVE_ENDINGS = [...cues.connectiveEndings].sort((a, b) => b.length - a.length);
/** 서 after a verb's 아/어 form (떨어져서, 해서): the vowels that form takes. */
const INFINITIVE_VOWELS = new Set(['ㅏ', 'ㅓ', 'ㅕ', 'ㅘ', 'ㅝ', 'ㅐ', 'ㅙ'].map((vowel) => MEDIALS.indexOf(vowel)));
const HANGUL_START = /^[\uAC00-\uD7A3]/;
/** Endings after a verb stem that no noun takes (나오는, 나오고, 나오도록); not 기, which makes nouns (크기, 무기). */
const STEM_ENDINGS = ['는', '고', '며', '면서', '도록'];
/** How a stem's last vowel joins the past 었/았 (나오 → 나왔, 주 → 줬, 마시 → 마셨, 쓰 → 썼, 되 → 됐). */
const PAST_VOWELS = new Map([['ㅗ', 'ㅘ'], ['ㅜ', 'ㅝ'], ['ㅣ', 'ㅕ'], ['ㅡ', 'ㅓ'], ['ㅚ', 'ㅙ']].map(([from, to]) => [MEDIALS.indexOf(from!), MEDIALS.indexOf(to!)]));
const HA = '하';

/** The syllables with ㅆ as the last one's final: the past of a verb's 아/어 form (나와 → 나왔). */
const withPastFinal = (form: string): string => form.slice(0, -1) + composeSyllable({ ...decomposeSyllable(form.at(-1)!)!, final: SSANG_SIOT });

/** A verb stem followed by an ending no noun takes (나오는, 나오고) and in the past (나왔, 해킹했). */
function stemForms(stem: string): string[] {
  const last = decomposeSyllable(stem.at(-1)!);
  if (!last) return [];
  const forms = STEM_ENDINGS.map((ending) => stem + ending);
  if (last.final !== 0) return forms;
  const pastVowel = stem.at(-1) === HA ? MEDIALS.indexOf('ㅐ') : PAST_VOWELS.get(last.medial) ?? last.medial;
  return [...forms, withPastFinal(stem.slice(0, -1) + composeSyllable({ ...last, medial: pastVowel }))];
}

/**
 * The forms only a verb has, for a word that would be its adnominal form: the word ending in ㄴ
 * followed by 다 (나온다, 만든다), and the stem without that ㄴ or ㄹ followed by an ending no
 * noun takes (나오는, 만드는) or in the past (나왔).
 */
export function verbFormsOf(term: string): string[] {
  const last = decomposeSyllable(term.at(-1)!);
  if (!last || !ADNOMINAL_FINALS.has(last.final)) return [];
  const stem = term.slice(0, -1) + composeSyllable({ ...last, final: 0 });
  return [...(last.final === FINALS.indexOf('ㄴ') ? [`${term}다`] : []), ...stemForms(stem)];
}

/**
 * A word ending in a connective (나가고 → 나가, 떨어져서 → 떨어져) as a verb candidate: its stem's
 * other forms, or for 서 after an 아/어 form the past of that form (떨어졌) and 떨어져도.
 */
function connectiveCandidate(word: Word): VerbCandidate | undefined {
  const ending = CONNECTIVE_ENDINGS.find((candidate) => word.term.endsWith(candidate) && word.term.length > candidate.length);
  if (!ending) return undefined;
  const stem = word.term.slice(0, -ending.length);
  if (ending !== '서') return { word, verbForms: stemForms(stem).filter((form) => form !== word.term), ending };
  const last = decomposeSyllable(stem.at(-1)!);
  if (!last || last.final !== 0 || !INFINITIVE_VOWELS.has(last.medial)) return undefined;
  return { word, verbForms: [withPastFinal(stem), `${stem}도`], ending };
}

/**
 * The topic words written the way a verb is (see {@link VerbCandidate}): with a connective
 * ending, as the question's last word, or ending in ㄴ or ㄹ or followed by 는, 은 or 던 when the
 * next word of the question is Korean and no question word (a noun before 누구야 is what is
 * asked about, not a verb).
 */
function verbCandidatesOf(text: string, topic: readonly Word[]): VerbCandidate[] {
  const tokens = text.split(/\s+/).map((token) => token.replace(/[^\p{L}\p{N}]+$/u, ''));
  return topic.flatMap((word) => {
    const connective = connectiveCandidate(word);
    if (connective) return [connective];
    // A Korean question ends with its predicate (어디로 보내?), unless it ends with the noun asked about (무선 충전?).
    if (tokens.at(-1) === word.term) return [{ word, verbForms: stemForms(word.term) }];
    // The analyzer may read the predicate's last syllable as a particle (돌아가 → 돌아): the
    // question's last word is still the verb, in its forms.
    const last = tokens.at(-1)!;
    if (last !== word.term && last.startsWith(word.term) && word.variants.includes(last)) return [{ word, verbForms: stemForms(last), written: last }];
    const rests = tokens.flatMap((token, i) => {
      const next = tokens[i + 1];
      if (!next || !HANGUL_START.test(next) || QUESTION_STEMS.test(next) || !token.startsWith(word.term)) return [];
      return [token.slice(word.term.length)];
    });
    const ending = rests.find((rest) => ADNOMINAL_ENDINGS.has(rest));
    if (ending) return [{ word, verbForms: stemForms(word.term), ending }];
    const verbForms = rests.includes('') ? verbFormsOf(word.term) : [];
    return verbForms.length > 0 ? [{ word, verbForms }] : [];
  });
}

/** Reads a question (see {@link ReadQuestion}). */
export function readQuestion(text: string): ReadQuestion {
  const lang = /[\uAC00-\uD7A3]/.test(text) ? 'ko' : 'en';
  const focus = focusOf(text);
  const counter = counterOf(text);
  const counterTokens = [...(counter ? [counter.token] : []), ...countedTokens(text)];
  const counterTerms = new Set(counterTokens.flatMap((token) => analyzeQueryWords(token).flatMap((word) => [word.term, ...word.variants])));
  const words = analyzeQueryWords(text)
    .filter((word) => !isGeneric(word) && !counterTerms.has(word.term))
    .map(withVerbalStem)
    .map(withoutNumberSuffix)
    .map(withCounterUnits);
  const specific = words.filter((word) => isSpecific(word, lang)).map(specificPart).map(withCounterUnits).filter((word) => word.term.length >= 2);
  const categoryToken = CATEGORY_CUE.exec(text)?.[1];
  const category = categoryToken ? analyzeQueryWords(categoryToken).find((word) => !isGeneric(word)) : undefined;
  const topic = words
    // A yes/no question asks whether the verb is true (인수를 마무리했나요?): its verbal noun stays.
    .filter((word) => word.kind === 'hangul' && word.term.length >= 2 && !isPredicate(word) && (focus === 'yesno' || !isVerbalNoun(word, text)))
    .flatMap((word) => withoutParticle(word) ?? [])
    // The search's vague words (현황, 소식, 후기) say how a member asks, not about what: a post
    // need not hold them to be found, nor to answer.
    .filter((word) => ![word.term, ...word.variants].some((form) => CATEGORY_WORDS.has(form)) && !isOptionalWord(word, true))
    // Nor the kind of thing asked for (무슨 프로세서, 누구 프로젝트): the post names the thing (ARM, mermaid-ascii).
    .filter((word) => category === undefined || word.term !== category.term);
  const askedOfToken = ASKED_OF_CUE.exec(text)?.[1];
  const askedOf = askedOfToken ? analyzeQueryWords(askedOfToken).flatMap((word) => withoutParticle(word) ?? [])[0] : undefined;
  const measured = measuredUnit(text);
  const day = DAY_QUESTION.cue.test(text) && (focus === 'date' || focus === 'number') ? DAY_QUESTION.unit : undefined;
  const unit = day ?? (focus === 'number' ? (counter && counter.unit.source !== '\\d' ? counter.unit : measured) : undefined);
  const verbCandidates = verbCandidatesOf(text, topic);
  const postWords = postWordsOf(text, lang, words);
  const unitWords = unit === measured ? unitWordsOf(text, words) : [];
  return { text, lang, focus, words, specific, topic, category, askedOf, unit, unitWords, qualifier: qualifierOf(text, focus), measured: measuredOf(text, lang, focus), names: namesOf(text, lang), verbCandidates, postWords, versions: namedVersionsOf(text), asksChange: asksChange(text) };
}
