/**
 * The extractive answer: the sentence of the blog that answers a question, or an honest "no post
 * gives that; the closest post is …". No LLM; the LLM layer (src/llm) starts from this answer and
 * falls back to it.
 *
 * 1. Retrieval: the search index's passages for the question (`index.answer`), from a few posts;
 *    when it finds none, the post search over the question's known words, then passages for its
 *    rarest words ({@link retrieve}); an English question is also asked in the vocabulary's Korean
 *    words within the posts found, and those passages rank first ({@link withTranslatedPassages}).
 * 2. Answerability: a post may answer only when it contains every specific term of the question
 *    (P5, 0.15, CVE-2025-68146, 2025년, a Latin name in a Korean question) and the topic words other
 *    posts hold (an English question's names too, a Hangul transliteration counting: Florida =
 *    플로리다; not the question's verbs, which the posts holding them show to be verbs: 나온
 *    레스토랑, 나가고), whichever retrieval path found it; when every post found lacks the names, the
 *    question is asked again within the posts that hold them. A who/which/where question whose
 *    best sentence says the thing is not disclosed, or brings no name the question does not
 *    already say, is not answered; nor a question asking who made something whose lead says no
 *    one made it (a passive without an agent): its lead is the best post's best sentence that says
 *    someone made a thing. For a question about a
 *    number, an amount, a price, a date or a reason, some
 *    well-matching sentence must also have that shape, with the question's period and subject
 *    near it (the subject may be named in the sentence before, earlier in its section or in the
 *    title only when the sentence names no one else, or when it gives a cause, which is often
 *    another thing); a person question naming a role needs a
 *    sentence with that role and a name.
 * 3. Selection: the candidate sentences are scored by how many of the question's words they (and
 *    their section heading and the post's title) hold, whether they have the shape of the focus
 *    (a number with its unit, a cause clause, a step; the surest shapes weigh more, and for a how
 *    a command or setting the prose writes, docker system prune), and the rank of their passage;
 *    a how whose best sentence is a step of a list, or announces one, leads with the whole list. An English question's words are found in a Korean sentence through
 *    the glossary, the aliases, transliteration and the posts' vocabulary (src/data/vocabulary.txt:
 *    quit → 사임, at half weight), and weigh more than a Korean question's; a Korean question's
 *    words also through the vocabulary's pivots (랜덤 → random → 무작위, at half weight).
 */
import type { Post } from '../posts/types.ts';
import type { Passage, QueryOptions } from '../search/index.ts';
import { PARTICLES_KEPT_AFTER_ONE_SYLLABLE, analyzeQueryWords, type Word } from '../search/analyzer.ts';
import { readVocabulary, readWordList } from '../data/load.ts';
import { GLOSSARY, builtinAliasLookup, compileAliases, englishBaseForms, type AliasLookup } from '../search/aliases.ts';
import cues from './cues.json' with { type: 'json' };
import { readQuestion, type Focus, type ReadQuestion, type VerbCandidate } from './question.ts';
import { compileVocabulary, type Vocabulary } from './vocabulary.ts';
import { holdsYearNamed } from './years.ts';
import { namedVersionsOf, otherVersionNamed, writtenVersion, type NamedVersion } from './versions.ts';
import { containsWord, holdsLatinSpelling, holdsLoanword, holdsNumberedName, holdsVerbForm, koreanSpellings, postSurface, postTerms, postText, textTerms, writesAsNoun, writesInLatin, writesJoinedName, type TextTerms } from './terms.ts';

/** What the answer module needs of the search index (its public API). */
export interface AnswerIndex {
  answer(question: string, options?: QueryOptions): Passage[];
  /** Posts for the query; `terms`, when given, are the query terms each matched (a bigram, an alias). */
  search(query: string, options?: QueryOptions): { post: Post; terms?: readonly string[] }[];
}

/** A sentence of a passage, a candidate for the answer. */
export interface Candidate {
  post: Post;
  heading: string;
  sentence: string;
  /** The sentence after it in the same passage, if any (a cause or a step often continues there). */
  next?: string;
  /** The sentence before it, if any (what "이를 우회하기 위해", "This is why" refer to). */
  previous?: string;
  /** The sentences of the announced list it is an item of, if any: the steps a how is answered with. */
  list?: readonly string[];
  /** Rank of its passage in the retrieval, 0 = best. */
  passageRank: number;
  /** Share of the question's words in the sentence or its heading, 0..1. */
  coverage: number;
  /** The sentence's words, for the checks that need more than the score. */
  terms: TextTerms;
  /** The sentence has the shape of the focus. */
  shaped: boolean;
  score: number;
}

/** The question is answered: lead sentence(s) from `sources[0]`, cited [1]. */
export interface Answered {
  kind: 'answer';
  question: ReadQuestion;
  /** One or two sentences of `sources[0]`, in reading order. */
  lead: string[];
  /** The posts cited, [1] first. */
  sources: Post[];
  /** The retrieved passages, best first (the LLM layer numbers them by post). */
  passages: Passage[];
}

/** The blog covers the topic but not what is asked. */
export interface NotAnswered {
  kind: 'closest';
  question: ReadQuestion;
  /** What the closest post lacks: a specific term of the question as written, or the focus. */
  missing: { term: string } | { focus: Focus };
  closest: Post;
  /** The closest post's best sentence, to show what it does say. */
  sentence?: string;
}

/** Nothing in the blog is near the question. */
export interface NothingFound {
  kind: 'none';
  question: ReadQuestion;
}

export type AnswerResult = Answered | NotAnswered | NothingFound;

/** Passages asked of the index: enough to hold the answering sentence of a long post. */
const PASSAGES = 24;
/**
 * What a word held only as a vocabulary word counts in a sentence's coverage: one sense of it
 * (request is 요청 and 요구), so less than the question's own word or a glossary translation.
 */
const VOCABULARY_WEIGHT = 0.5;
/**
 * What a Korean question's word held only as a pivot counts (랜덤 in a sentence writing 무작위: both
 * translate "random"): two Korean words sharing an English word are often, not always, one thing,
 * so no more than one sense of an English word (dev: 0.3 gained one question, 0.5 two).
 */
const PIVOT_WEIGHT = 0.5;
/** An English word with more vocabulary words than this is too general to tell sentences apart (see vocabularyOf). */
const MAX_VOCABULARY_SENSES = 6;
/** A shaped sentence must hold this share of the question's words to answer a number/amount/price/date question. */
const MIN_SHAPED_COVERAGE = 0.3;
/** How many of the best passages an English question's shaped sentence may come from without matching its words. */
const ENGLISH_PASSAGES = 4;
/** Focuses whose answers have a shape that can be checked (a number, an amount, a date). */
const CHECKED_FOCUSES: ReadonlySet<Focus> = new Set(['number', 'amount', 'price', 'date', 'reason']);
/**
 * Weights of a sentence's score: its words, its shape, its passage's rank. An English question's
 * words weigh more: with the vocabulary its coverage of a Korean sentence is measured, not
 * guessed, and a shaped sentence that holds few of its words answers something else.
 */
const WEIGHTS = { coverage: 1, englishCoverage: 1.5, shape: 0.5, strongShape: 0.3, code: 0.3, rank: 0.3, heading: 0.15, category: 0.4, subject: 0.3 };
/** The lead takes a second sentence when it is at least this good relative to the best, or continues a cause or a method. */
const SECOND_SENTENCE = 0.6;
/**
 * How much a second sentence's words shared with the best one (their Jaccard overlap) lower its
 * claim to the lead: one restating the best ("Claude … 11% 증가" twice) adds nothing, one saying
 * something else of the question may hold the fact the best lacks (maximal marginal relevance).
 * Dev: 0.5-1 gained one question and lost none; 1.25 and more lost three.
 */
const REDUNDANCY = 0.75;
const MAX_LEAD_CHARS = 420;

const SHAPES = new Map(Object.entries(cues.answerShapes).map(([focus, sources]) => [focus as Focus, sources.map((s) => new RegExp(s, 'i'))]));
/**
 * A person's name in Hangul: a listed given name, a space and the word after it (조나단 쿠밍가는,
 * 젠슨 황). Hangul has no capitals to tell a name by, and a name pair the post also writes in Latin
 * letters is rare in a Korean sentence (the Warriors post writes its players only in Hangul).
 */
const HANGUL_PERSON = new RegExp(`(?<![\uAC00-\uD7A3])(${readWordList('given-names.txt').join('|')}) [\uAC00-\uD7A3]{1,4}`);

/** Person, company, place and name shapes look for capitals: they are matched case-sensitively. */
const CASED_SHAPES = new Map(
  (['person', 'company', 'place', 'name'] as const).map((focus) => [
    focus,
    [...cues.answerShapes[focus].map((s) => new RegExp(s)), ...(focus === 'person' ? [HANGUL_PERSON] : [])],
  ]),
);

/** The same, global, to look at every match. */
const CASED_GLOBAL = new Map([...CASED_SHAPES].map(([focus, patterns]) => [focus, patterns.map((p) => new RegExp(p.source, 'g'))]));

/**
 * True when the sentence has the shape of an answer to the focus. With the question, a name shape
 * (person, company, place, name) must bring a name the question does not already say: "HP Prime
 * 계산기에서 BASIC을 실행" does not answer "which BASIC interpreter runs on the HP Prime?", "PyBasic"
 * does.
 */
export function hasShape(sentence: string, focus: Focus, question?: string): boolean {
  const cased = CASED_SHAPES.get(focus as 'person');
  if (cased && question !== undefined) {
    const asked = question.toLowerCase();
    return CASED_GLOBAL.get(focus as 'person')!.some((pattern) =>
      [...sentence.matchAll(pattern)].some((match) => !asked.includes(wordOf(sentence, match).toLowerCase())),
    );
  }
  const patterns = cased ?? SHAPES.get(focus) ?? [];
  return patterns.some((pattern) => pattern.test(sentence));
}

/** A Hangul word with the genitive 의 and the word after it: 세인트피터즈버그의 살바도르. */
const GENITIVE = /([\uAC00-\uD7A3]{2,})의\s+([\p{L}\p{N}]{2,})/gu;

/**
 * The sentence places a thing of the question where it is, as Korean does, by a word the question
 * does not say in the genitive before the thing's name (플로리다 세인트피터즈버그의 살바도르 달리
 * 박물관에서 for "살바도르 달리 박물관 어느 도시에 있어?"): a Hangul place name has no shape of
 * its own. Not a word naming a kind (회사의 본사): that says whose, not where.
 */
function placesBefore(sentence: string, question: ReadQuestion): boolean {
  const asked = question.text.toLowerCase();
  return [...sentence.matchAll(GENITIVE)].some(
    ([, place, thing]) => !asked.includes(place!) && !KIND_WORDS.has(place!) && asked.includes(thing!.toLowerCase()),
  );
}

/** Korean particles after a name ("영국에서", "밴쿠버에"), left out when the name is compared with the question. */
const NAME_PARTICLE = /(에서|에게|으로|에|의|은|는|이|가|을|를|과|와|로)$/;

/**
 * The whole word a shape matched inside, without its particle: "국에서 " inside "영국에서" is 영국,
 * a place the question already says ("영국 사무실은 어느 도시에 있어?").
 */
function wordOf(sentence: string, match: RegExpMatchArray): string {
  let start = match.index!;
  while (start > 0 && /[\p{L}\p{N}]/u.test(sentence[start - 1]!)) start--;
  const found = sentence.slice(start, match.index! + match[0].length).trim();
  const bare = found.replace(NAME_PARTICLE, '');
  return bare.length >= 2 ? bare : found;
}

const STRONG_SHAPES = new Map(
  Object.entries(cues.strongShapes).map(([focus, sources]) => [focus as Focus, sources.map((s) => new RegExp(s, 'i'))]),
);

/**
 * True when the sentence has the surest shape of the focus (a mechanism "방식을 사용하여", a cause
 * "때문에", a name beside a role): of several shaped sentences, these answer most often.
 */
function hasStrongShape(sentence: string, focus: Focus): boolean {
  return (STRONG_SHAPES.get(focus) ?? []).some((pattern) => pattern.test(sentence));
}

/** What a post writes as code or a named setting (see {@link writesCode}); small letters tell a command from a name, so case-sensitive. */
const CODE_SHAPES = cues.codeShapes.map((source) => new RegExp(source, 'u'));

/**
 * The sentence writes the means a how-to question asks for as the post would have it typed or
 * set: a command (docker system prune), an identifier or assignment (base_url, RUBY_BOX=1), a
 * flag, a call, a setting named in quotes ("요청 확인" 옵션). Of a how-to post's sentences, nearly
 * all of which have a method's shape (정리하면 … 확보할 수 있습니다), that one says what to do.
 */
export function writesCode(sentence: string): boolean {
  // A line of code itself (func configure() {) says what to type to one who reads the code around
  // it, not to one who asked: the post's prose naming the command does.
  return isProse(sentence) && CODE_SHAPES.some((pattern) => pattern.test(sentence));
}

/** A comment at the end of a line of code (`# 게임 오버`, `// 설정 확인`): Korean there does not make the line prose. */
const CODE_COMMENT = /(^|\s)(#\s|\/\/).*$/;

/** The sentence is Korean prose, not a line of code with a Korean comment (yolobox run claude  # 샌드박스에서 실행). */
function isProse(sentence: string): boolean {
  return HANGUL.test(sentence.replace(CODE_COMMENT, ''));
}

/** A sentence that refers back ("이를 우회하기 위해", "This is why"): the one before it says to what. */
const REFERS_BACK = new RegExp(cues.refersBack, 'i');

/**
 * The next sentence gives the cause of this one ("…지상 레벨에 머물고 싶었습니다. 위에서 내려다보면
 * … 때문입니다"). Not when it opens by referring back ("이로 인해 …"): then this sentence is the
 * cause of the next one's event, not of what the question asks about.
 */
function causeFollows(sentence: { next?: string }): boolean {
  return sentence.next !== undefined && hasShape(sentence.next, 'reason') && !REFERS_BACK.test(sentence.next);
}

/** Lines that are navigation, not content (as the passages leave them out). */
const BOILERPLATE = /^(원문 기사 보기|원문 보기|read the original)/i;

/** Where a line splits into sentences: after . ! ?, but not after a title before a name (Dr. Ilya Besedin). */
const SENTENCE_END = new RegExp(`(?<=[.!?。])(?<!(?<![A-Za-z])(?:${cues.nameTitles.join('|')})\\.)\\s+(?=\\S)`);

/** Splits a section's text into sentences: each line (a bullet, a paragraph) then at . ! ? */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim().replace(/^[-*•]\s+/, ''))
    .filter((line) => line && !BOILERPLATE.test(line))
    .flatMap((line) => withinQuotes(line.split(SENTENCE_END)))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length >= 8);
}

/** True when the text leaves a quotation open: an odd number of straight quotes, or more “ than ”. */
function opensQuote(text: string): boolean {
  const straight = text.split('"').length - 1;
  return straight % 2 === 1 || text.split('“').length > text.split('”').length;
}

/**
 * The pieces of a line, a piece that leaves a quotation open joined with the ones after it up to
 * the piece that closes it: '"Sure! Here's an article about"' is one quoted phrase (the search
 * string a post shows), not "Sure!" and the rest.
 */
function withinQuotes(pieces: readonly string[]): string[] {
  const joined: string[] = [];
  let open: string | undefined;
  for (const piece of pieces) {
    const text = open === undefined ? piece : `${open} ${piece}`;
    if (opensQuote(text)) open = text;
    else {
      joined.push(text);
      open = undefined;
    }
  }
  if (open !== undefined) joined.push(open);
  return joined;
}

/**
 * The sentences of the list items of a text, each with the sentence announcing its list: the
 * section text writes a list as the lines after its announcing line ("…변화하고 있습니다:"),
 * within one paragraph (paragraphs are apart by a blank line).
 */
function announcersOf(text: string): Map<string, string> {
  const announcers = new Map<string, string>();
  for (const paragraph of text.split(/\n\s*\n/)) {
    let announcer: string | undefined;
    for (const line of paragraph.split('\n')) {
      const sentences = sentencesOf(line);
      const last = sentences.at(-1);
      if (last !== undefined && ANNOUNCES.test(last)) announcer = last;
      else if (announcer !== undefined) for (const sentence of sentences) announcers.set(sentence, announcer);
    }
  }
  return announcers;
}

/**
 * The sentences of each announced list of a text, by sentence: a list is a paragraph of two lines
 * or more after a line ending with a colon, in the paragraph or just before it ("설정 프로세스:"
 * over the steps, a blank line apart as the section text writes a numbered list).
 */
function listsOf(text: string): Map<string, readonly string[]> {
  const lists = new Map<string, readonly string[]>();
  let announced = false;
  for (const paragraph of text.split(/\n\s*\n/)) {
    const lines = paragraph.split('\n').filter((line) => line.trim());
    const opens = lines.length > 0 && ANNOUNCES.test(lines[0]!.trim());
    const items = (opens ? lines.slice(1) : announced ? lines : []).map(sentencesOf);
    // Lines of code (a usage block with Korean comments) are no steps to lead with.
    if (items.length >= 2 && items.every((sentences) => sentences.every(isProse))) {
      const list = items.flat();
      for (const sentence of list) lists.set(sentence, list);
    }
    announced = lines.length > 0 && ANNOUNCES.test(lines.at(-1)!.trim());
  }
  return lists;
}

/** A sentence of a post, analyzed once. */
interface PostSentence {
  heading: string;
  sentence: string;
  next?: string;
  previous?: string;
  /** The sentences of the announced list it is an item of, if any (see {@link listsOf}). */
  list?: readonly string[];
  terms: TextTerms;
  /** The section heading and the post's title: what the sentence is about without repeating it. */
  headingTerms: TextTerms;
}

/** The sentences of each post, kept beside the post (a reindex drops them with it). */
const postSentences = new WeakMap<Post, PostSentence[]>();

function sentencesOfPost(post: Post): PostSentence[] {
  let sentences = postSentences.get(post);
  if (!sentences) {
    sentences = [];
    for (const section of post.sections) {
      // A sentence need not repeat the title's words: "최대 3배 향상" under "Rubin … 추론 성능 3배".
      const headingTerms = textTerms(`${section.heading}\n${post.title}`);
      // Nor a list item the words of the line announcing the list ("뉴스 소비 패턴이 …:" over
      // "Facebook: 36%"): the item gives its figure of what that line names.
      const announcers = announcersOf(section.text);
      const announced = new Map<string, TextTerms>();
      const termsUnder = (announcer: string): TextTerms => {
        let terms = announced.get(announcer);
        if (!terms) announced.set(announcer, (terms = textTerms(`${section.heading}\n${post.title}\n${announcer}`)));
        return terms;
      };
      const lists = listsOf(section.text);
      const texts = sentencesOf(section.text);
      texts.forEach((sentence, i) => {
        const announcer = announcers.get(sentence);
        sentences!.push({
          heading: section.heading,
          sentence,
          next: texts[i + 1],
          previous: texts[i - 1],
          list: lists.get(sentence),
          terms: textTerms(sentence),
          headingTerms: announcer === undefined ? headingTerms : termsUnder(announcer),
        });
      });
    }
    postSentences.set(post, sentences);
  }
  return sentences;
}

/** Posts whose every sentence is a candidate; the others offer only the sentences of their retrieved passages. */
const WHOLE_POSTS = 2;

/**
 * The share of the question's words the sentence holds, in any spelling the post has (half for a
 * word only its heading or the post's title holds), a word held only as a vocabulary word
 * counting {@link VOCABULARY_WEIGHT}, a Korean word held only as a pivot {@link PIVOT_WEIGHT}.
 */
function coverageOf(words: readonly Word[], sentence: PostSentence, spellings: (word: Word) => readonly string[], given: readonly Word[] = []): { coverage: number; inHeading: number } {
  if (words.length === 0) return { coverage: 0, inHeading: 0 };
  let covered = 0;
  let headingOnly = 0;
  const holds = (terms: TextTerms, word: Word): number => {
    if (given.includes(word) || containsWord(terms, word) || spellings(word).some((term) => terms.terms.has(term))) return 1;
    if (vocabularyOf(word).some((term) => terms.terms.has(term))) return VOCABULARY_WEIGHT;
    return pivotsOf(word).some((term) => terms.terms.has(term)) ? PIVOT_WEIGHT : 0;
  };
  for (const word of words) {
    const inSentence = holds(sentence.terms, word);
    const inHeading = inSentence === 1 ? 0 : holds(sentence.headingTerms, word);
    if (inHeading * 0.5 > inSentence) headingOnly += inHeading;
    else covered += inSentence;
  }
  return { coverage: (covered + headingOnly * 0.5) / words.length, inHeading: headingOnly / words.length };
}

/**
 * The glossary (src/data/glossary.txt: English words of tech news and their Korean) and the
 * built-in aliases (도커 = Docker), as the search layer reads them. Compiled on the first
 * question, not on import: compiling took 60-80 ms of every start, before the first reply of
 * any command.
 */
let translations: { glossary: AliasLookup; aliases: AliasLookup } | undefined;

/** The compiled glossary and aliases, compiled on first use (most replies never need them). */
function translationTables(): { glossary: AliasLookup; aliases: AliasLookup } {
  return (translations ??= { glossary: compileAliases(GLOSSARY), aliases: builtinAliasLookup() });
}

/**
 * The answer-only vocabulary (src/data/vocabulary.txt): English → Korean (quit → 사임, request →
 * 요청) and Korean → English → Korean (랜덤 → 무작위). Read on the first question that looks a word
 * up in it; its English side is compiled when a question first has a Latin word (50-90 ms), its
 * pivots when a Korean word is first looked up, so a start pays for neither.
 */
let vocabulary: Vocabulary | undefined;
const compiledVocabulary = (): Vocabulary => (vocabulary ??= compileVocabulary(readVocabulary()));

/**
 * Compiles now what the first questions would otherwise compile, one table per turn of the event
 * loop: the glossary and aliases, the vocabulary's English side, its Korean pivots (some 100-150
 * ms of CPU on the real data, paid by the first /ask after a start). A bot calls it once it is up.
 */
export async function prepareAnswerTables(): Promise<void> {
  const steps = [() => void translationTables(), () => void compiledVocabulary().english(), () => compiledVocabulary().preparePivots()];
  for (const step of steps) {
    step();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The one-word alternatives of a lookup's answer. */
const oneWord = (alternatives: readonly (readonly string[])[] | undefined): string[] =>
  (alternatives ?? []).filter((alternative) => alternative.length === 1).map(([term]) => term!);

/** The one-word translations and aliases of a word (launch → 출시, 도커 → docker). */
function translationsOf(word: Word): string[] {
  const { glossary, aliases } = translationTables();
  return [...oneWord(glossary.find([word])), ...oneWord(aliases.find([word]))];
}

/**
 * True when the text writes the name an abbreviation stands for, as one of the word's aliases of
 * several words (David Heinemeier Hansson for DHH, Amazon Web Services for AWS): initials and the
 * name spelled out are one name. One-word aliases are not read so: a Korean question writing a
 * Latin word (shell) asks for it as written more often than for its Korean spelling (셸).
 */
function holdsSpelledOut(word: Word, terms: TextTerms): boolean {
  return (translationTables().aliases.find([word]) ?? []).some((alias) => alias.length > 1 && alias.every((term) => terms.terms.has(term)));
}

/**
 * The Korean words the vocabulary gives an English word (quit → 사임, 종료), none for a word with
 * more than {@link MAX_VOCABULARY_SENSES}: "work" is 작동, 직장, 작품 and twenty more, so a sentence
 * holding one of them says nothing of the question.
 */
function vocabularyOf(word: Word): readonly string[] {
  if (word.kind === 'hangul') return [];
  const key = [word.term, ...word.variants.slice(0, 1)].join(' ');
  let found = vocabularyByTerm.get(key);
  if (!found) {
    const { formsOf } = compiledVocabulary();
    // Counted before their forms: 팀 written 팀이 and 팀의 is one sense.
    found = vocabularySensesOf(word).flatMap(formsOf);
    if (vocabularyByTerm.size > 5_000) vocabularyByTerm.clear();
    vocabularyByTerm.set(key, found);
  }
  return found;
}

/** The vocabulary's Korean words for an English word as its lines write them (no forms), none past {@link MAX_VOCABULARY_SENSES}. */
function vocabularySensesOf(word: Word): string[] {
  if (word.kind === 'hangul') return [];
  const english = compiledVocabulary().english();
  const sensesOf = (form: Word): string[] => {
    const senses = oneWord(english.find([form]));
    return distinctSenses(senses) > MAX_VOCABULARY_SENSES ? [] : senses;
  };
  // A form with a line of its own keeps its base form's senses too: automatically = 알아서 is also
  // automatic = 자동, running = 달리기 also run = 실행 (each capped alone, so one general base does
  // not drop the form's own senses).
  const bases = [...englishBaseForms(word.term), ...singularsOf(word.term)].map((term): Word => ({ ...word, term, variants: [] }));
  return [...new Set([word, ...bases].flatMap(sensesOf))];
}

/** A plural in -is the analyzer keeps whole, lest it cut analysis or basis: nazis, emojis, wikis are the vocabulary's nazi, emoji, wiki. */
const PLURAL_IN_IS = /^[a-z]{3,}is$/;

/** The singular of a plural the analyzer leaves (see {@link PLURAL_IN_IS}); a word that is none (analysis) finds no line as "analysi". */
const singularsOf = (term: string): string[] => (PLURAL_IN_IS.test(term) ? [term.slice(0, -1)] : []);

/**
 * How many senses the vocabulary's Korean words for one English word are: a word that begins with
 * another of them is a form of it, not a sense of its own. The vocabulary keeps the posts' forms
 * as lines (생성, 생성되는지, 생성되었, 생성한다고 … = generate): ten lines are three senses
 * (발생, 생성, 창출), and "generate" is no general word like "work" (작동, 직장, 작품 …).
 */
function distinctSenses(senses: readonly string[]): number {
  return senses.filter((sense) => !senses.some((other) => other !== sense && sense.startsWith(other))).length;
}

/**
 * The Korean words of the vocabulary a Korean word pivots to through an English word (랜덤 →
 * 무작위); none for an English word, which {@link vocabularyOf} reads.
 */
function pivotsOf(word: Word): readonly string[] {
  if (word.kind !== 'hangul') return [];
  return compiledVocabulary().pivotsOf(word);
}

/** {@link vocabularyOf} by word (term and first variant, the lookup's keys): a question looks its few words up in every candidate sentence. */
const vocabularyByTerm = new Map<string, readonly string[]>();

/** The glossary alone: its words are ordinary ones, not names. */
const glossary = (): AliasLookup => translationTables().glossary;

const HANGUL = /[\uAC00-\uD7A3]/;

/**
 * A name a Korean question writes half in Hangul (챗gpt, 챗GPT for ChatGPT) is held by a post
 * writing it in Latin letters, as the aliases spell it: such a word is a spelling of the name,
 * not a word of its own. Names wholly in Latin letters (Docker, sandbox) stay as written: their
 * aliases are Korean words (도커, 샌드박스) that posts about other things write too.
 */
function spelledInLatin(word: Word, terms: TextTerms): boolean {
  if (word.kind !== 'mixed' || !HANGUL.test(word.term)) return false;
  return oneWord(translationTables().aliases.find([word])).some((alias) => !HANGUL.test(alias) && terms.terms.has(alias));
}

/** Focuses whose answer says what the thing asked about does or why (how/why questions). */
const SUBJECT_FOCUSES: ReadonlySet<Focus> = new Set(['method', 'reason']);

/**
 * The sentence opens with a name of the question as its subject ("Pipelock은 능력 분리 방식을
 * 사용하여 …", "Yolobox는 … 마운트하지 않습니다"): it says what that thing does, which is how or
 * why; a sentence about the agents or the attack around it does not.
 */
function opensWithName(question: ReadQuestion, sentence: string): boolean {
  const first = /^[\p{L}\p{N}][\p{L}\p{N}.+#-]*/u.exec(sentence)?.[0]?.toLowerCase();
  if (!first) return false;
  const names = [...question.specific, ...question.names].filter((word) => !/\d/.test(word.term) && !COMMON_LATIN.has(word.term));
  // Only as the subject or topic (Pipelock은, Yolobox가), not as the object (Siri를 … 대체하기 위해).
  return names.some((name) => first === name.term || (first.startsWith(name.term) && /^(은|는|이|가)$/.test(first.slice(name.term.length))));
}

/**
 * Focuses answered by a figure, which is of the thing its sentence is about. Not a date: it is
 * an event's, and the sentence giving it often opens with another actor (CNIL은 … 부과했습니다).
 */
const FIGURE_FOCUSES: ReadonlySet<Focus> = new Set(['number', 'amount', 'price']);

/**
 * The sentence writes a name of the question that its post's title does not (so one of several
 * things the post compares), in Latin letters, as a subject or topic ("같은 기간 OpenAI의
 * ChatGPT는 2.7%의 … 증가를 보였으며" in a post titled on Claude): its figure is that thing's.
 * One naming it as the object ("Claude가 ChatGPT를 조롱한 … 광고 이후 11% 증가") gives another's
 * figure. A name the title holds is what every sentence of the post is about.
 */
function namesAsSubject(question: ReadQuestion, post: Post, sentence: string, spellings: (word: Word) => readonly string[]): boolean {
  const lower = sentence.toLowerCase();
  const title = post.title.toLowerCase();
  return question.words.some((word) =>
    [...(word.kind === 'hangul' ? [] : [word.term]), ...spellings(word)]
      .filter((form) => LATIN_FORM.test(form) && !COMMON_LATIN.has(form) && !title.includes(form))
      .some((form) => subjectAt(lower, form)),
  );
}

/** A name's form in Latin letters (chatgpt, claude code). */
const LATIN_FORM = /^[a-z][a-z0-9 .+#-]*$/;

/** The (lower-case) text writes the form as a whole name with a subject or topic particle after it (chatgpt는). */
function subjectAt(lower: string, form: string): boolean {
  for (let at = lower.indexOf(form); at >= 0; at = lower.indexOf(form, at + 1)) {
    const before = lower[at - 1] ?? ' ';
    const particle = lower.slice(at + form.length, at + form.length + 2);
    if (!/[a-z0-9]/.test(before) && /^(은|는|이|가)(?![\uAC00-\uD7A3])/.test(particle)) return true;
  }
  return false;
}

/**
 * The words a sentence is scored by: not those naming the post asked about ("the amazon deal
 * post"), which every sentence of that post answers alike, unless they are all the question has.
 */
function sentenceWords(question: ReadQuestion): readonly Word[] {
  if (question.postWords.length === 0) return question.words;
  const rest = question.words.filter((word) => !question.postWords.includes(word));
  return rest.length > 0 ? rest : question.words;
}

function scored(question: ReadQuestion, post: Post, sentence: PostSentence, passageRank: number): Candidate {
  const spellings = (word: Word) => koreanSpellings(post, word, translationsOf);
  // "이로 인해 Unkey는 … 구축해야 했습니다" gives a consequence of the sentence before, not a cause:
  // the words that refer back are no cause clause.
  const own = question.focus === 'reason' ? sentence.sentence.replace(REFERS_BACK, '') : sentence.sentence;
  // A command or setting is a method's shape of its own: "Score = mean(logprob_stereo - …)" has no
  // word of one.
  const code = question.focus === 'method' && writesCode(sentence.sentence);
  const inUnit = question.unit?.test(sentence.sentence) ?? false;
  const shaped = question.unit
    ? inUnit
    : code || hasShape(own, question.focus, question.text) || (question.focus === 'reason' && causeFollows(sentence)) || (question.focus === 'place' && placesBefore(own, question));
  // A sentence saying the year a relative one names (2026년 말까지 for 올해 말쯤) holds that word.
  const given = [...(inUnit ? question.unitWords : []), ...question.words.filter((word) => holdsYearNamed(word, post, sentence.terms))];
  const { coverage, inHeading } = coverageOf(sentenceWords(question), sentence, spellings, given);
  const named = question.category !== undefined && containsWord(sentence.terms, question.category);
  const strong = shaped && hasStrongShape(own, question.focus);
  const subject =
    (SUBJECT_FOCUSES.has(question.focus) && opensWithName(question, sentence.sentence)) ||
    (FIGURE_FOCUSES.has(question.focus) && shaped && namesAsSubject(question, post, sentence.sentence, spellings));
  const rank = Number.isFinite(passageRank) ? WEIGHTS.rank / (1 + passageRank) : 0;
  // A sentence holding none of the question's words is about something else: its shape (in a
  // how-to post nearly every sentence has one: 설정을 통해, 사용하여) and its subject say nothing
  // of the question, so only the index's rank is left to it ("성공적인 조직은 … 목표 설정을 통해 …"
  // does not say how DX measured onboarding time).
  const score =
    coverage === 0
      ? rank
      : (question.lang === 'en' ? WEIGHTS.englishCoverage : WEIGHTS.coverage) * coverage +
        (shaped ? WEIGHTS.shape : 0) +
        (strong ? WEIGHTS.strongShape : 0) +
        (code ? WEIGHTS.code : 0) +
        rank +
        WEIGHTS.heading * inHeading +
        (named ? WEIGHTS.category : 0) +
        (subject ? WEIGHTS.subject : 0);
  const { heading, next, previous, list } = sentence;
  return { post, heading, sentence: sentence.sentence, next, previous, list, passageRank, coverage, terms: sentence.terms, shaped, score };
}

/**
 * Candidate sentences of the posts that may answer, scored, best first: every sentence of the
 * first {@link WHOLE_POSTS} of them (the answer is often in a passage the retrieval ranked low),
 * the sentences of the retrieved passages of the others.
 */
export function candidatesOf(question: ReadQuestion, passages: readonly Passage[], posts: readonly Post[]): Candidate[] {
  const candidates: Candidate[] = [];
  posts.forEach((post, postRank) => {
    // A section offered only so that its post is read whole was ranked by no one: its sentences
    // (the summary's) get no rank, and the ranks of the index's passages stay as it gave them.
    const ranked = passages.map((passage, rank) => ({ passage, rank })).filter(({ passage }) => passage.post === post && !OFFERED_WHOLE.has(passage));
    const rankOf = (sentence: PostSentence): number =>
      ranked.find(({ passage }) => passage.heading === sentence.heading && passage.text.includes(sentence.sentence.slice(0, 60)))?.rank ?? Infinity;
    for (const sentence of sentencesOfPost(post)) {
      const rank = rankOf(sentence);
      if (postRank < WHOLE_POSTS || Number.isFinite(rank)) candidates.push(scored(question, post, sentence, rank));
    }
  });
  return candidates.sort((a, b) => b.score - a.score);
}

/**
 * The one or two sentences the reply leads with; a last sentence that ends with a colon announces
 * what follows ("감독자 에이전트 (Supervisor Agent):"), so the line after it is led with too.
 */
function leadOf(best: Candidate, candidates: readonly Candidate[], focus: Focus): string[] {
  const steps = focus === 'method' ? stepsOf(best) ?? announcedSteps(best, candidates) : undefined;
  if (steps) return [...steps];
  if (ANNOUNCES.test(best.sentence) && best.next && best.sentence.length + best.next.length <= MAX_LEAD_CHARS) return [best.sentence, best.next];
  const lead = leadSentences(best, candidates, focus);
  const last = lead.at(-1)!;
  const following = last === best.sentence ? best.next : candidates.find((c) => c.post === best.post && c.sentence === last)?.next;
  if (ANNOUNCES.test(last) && following && !lead.includes(following)) return [...lead, following];
  return lead;
}

/**
 * The list a how's best sentence is an item of, whole, when it fits the lead: one step of a setup
 * ("요청 확인" 옵션을 비활성화하여 …) answers "how do I set it up" only with the steps before it.
 */
function stepsOf(best: Candidate): readonly string[] | undefined {
  const list = best.list;
  if (!list || list.reduce((chars, sentence) => chars + sentence.length + 1, 0) > MAX_LEAD_CHARS) return undefined;
  return list;
}

/**
 * A how's best sentence announcing the list after it ("설치 방법은 다음과 같습니다:"), with that
 * list whole, when they fit the lead: the steps are the answer the sentence promises.
 */
function announcedSteps(best: Candidate, candidates: readonly Candidate[]): readonly string[] | undefined {
  if (!ANNOUNCES.test(best.sentence) || best.next === undefined) return undefined;
  const list = candidates.find((c) => c.post === best.post && c.sentence === best.next)?.list;
  if (!list || list[0] !== best.next) return undefined;
  const lead = [best.sentence, ...list];
  return lead.reduce((chars, sentence) => chars + sentence.length + 1, 0) > MAX_LEAD_CHARS ? undefined : lead;
}

/** A sentence that announces a list or a statement after it. */
const ANNOUNCES = /[:：]\s*$/;

function leadSentences(best: Candidate, candidates: readonly Candidate[], focus: Focus): string[] {
  if (best.previous && REFERS_BACK.test(best.sentence) && best.previous.length + best.sentence.length <= MAX_LEAD_CHARS) {
    return [best.previous, best.sentence];
  }
  const continues = focus === 'reason' || focus === 'method';
  if (continues && best.next && best.sentence.length + best.next.length <= MAX_LEAD_CHARS) return [best.sentence, best.next];
  // For a question whose answer has a shape (a figure, a cause, a name), a second sentence
  // without that shape brings no answer of its own: "가상 스레드는 Java 힙에 스택 프레임을
  // 저장합니다" beside a figure for platform threads, when another sentence gives 100KB.
  const needsShape = best.shaped && (CHECKED_FOCUSES.has(focus) || NAME_FOCUSES.has(focus));
  const eligible = candidates.filter(
    (c) =>
      c !== best && c.post === best.post && c.sentence !== best.sentence && c.score >= best.score * SECOND_SENTENCE && (c.shaped || !needsShape),
  );
  const worth = (c: Candidate): number => c.score * (1 - REDUNDANCY * termOverlap(best.terms, c.terms));
  const second = eligible.reduce<Candidate | undefined>((chosen, c) => (chosen === undefined || worth(c) > worth(chosen) ? c : chosen), undefined);
  if (second && best.sentence.length + second.sentence.length <= MAX_LEAD_CHARS) {
    return [best.sentence, second.sentence];
  }
  return [best.sentence];
}

/** The Jaccard overlap of two sentences' words, 0 (none shared) to 1 (the same words). */
function termOverlap(a: TextTerms, b: TextTerms): number {
  let shared = 0;
  for (const term of b.terms) if (a.terms.has(term)) shared++;
  const union = a.terms.size + b.terms.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** The surface of a question word as the member wrote it, for "no post gives X". */
function asWritten(question: ReadQuestion, word: Word): string {
  const match = new RegExp(word.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i').exec(question.text.normalize('NFKC'));
  return match ? match[0] : word.term;
}

/** Most posts asked of the index for one topic word (a word in more posts than this says little). */
const HOLDERS_LIMIT = 200;

/**
 * For each word a post must hold (see {@link heldWords}), the posts that hold it as the index
 * sees words (aliases, bigrams): one search per word, whatever the number of candidate posts.
 * A word the question writes as a verb (나온 레스토랑, 나가고) is left out when these posts show it
 * is one ({@link readsAsVerb}): then the posts that lack it say nothing of the topic
 * (발견되었습니다 tells what 나온 does).
 */
function topicHolders(index: AnswerIndex, question: ReadQuestion): Map<Word, Set<Post>> {
  const holders = new Map<Word, Set<Post>>();
  for (const word of heldWords(question)) {
    const hits = index.search(word.term, { limit: HOLDERS_LIMIT });
    const posts = new Set(hits.map((hit) => hit.post));
    if (!hits.some((hit) => writesAsWord(word, hit)) || neverWrittenAsNoun(word, posts)) continue;
    const candidate = question.verbCandidates.find((verb) => verb.word === word);
    if (!candidate || !readsAsVerb(candidate, posts)) holders.set(word, posts);
  }
  return holders;
}

/**
 * The post the index found for a Hangul word writes it as a word of its own: the index matched
 * it through a whole term or an alias (Anthropic for 앤트로픽), or the post writes the word at
 * the start of one of its words. A post found only through the word's bigrams (잡아, 아내 for the
 * verb 잡아내) or writing it only inside a longer word (노리 in 모노리스) does not: when no post
 * writes it, the blog never uses the word, and a post lacking it says nothing of its topic.
 */
function writesAsWord(word: Word, hit: { post: Post; terms?: readonly string[] }): boolean {
  if (word.kind !== 'hangul' || hit.terms === undefined) return true;
  if (hit.terms.some((term) => !word.grams.includes(term))) return true;
  return wordStartPattern(word.term).test(postSurface(hit.post));
}

/** Compiled {@link writesAsWord} patterns by word: a word is tested on up to {@link HOLDERS_LIMIT} posts. */
const wordStartPatterns = new Map<string, RegExp>();

function wordStartPattern(term: string): RegExp {
  let pattern = wordStartPatterns.get(term);
  if (!pattern) {
    pattern = new RegExp(`(?<![\uAC00-\uD7A3])${escapeRegex(term)}`);
    if (wordStartPatterns.size > 1_000) wordStartPatterns.clear();
    wordStartPatterns.set(term, pattern);
  }
  return pattern;
}

/** Fewest posts holding a Korean word whose writing {@link neverWrittenAsNoun} reads: one post's wording proves little. */
const NOUN_EVIDENCE_POSTS = 2;

/**
 * A Korean question word names no topic when the posts that hold it (at least
 * {@link NOUN_EVIDENCE_POSTS}) never write it with a case particle: an adverb (미리, 일부러, 거의),
 * a verb stem (접하, 노리), or a part of a longer word the posts write (인스타 of 인스타그램). A post
 * that lacks such a word still speaks of the question's topic; a noun (가격, 무게) the posts
 * write as 가격은, 가격이 stays a word the post must hold.
 */
function neverWrittenAsNoun(word: Word, holders: ReadonlySet<Post>): boolean {
  if (word.kind !== 'hangul' || holders.size < (endsInKeptParticle(word) ? 1 : NOUN_EVIDENCE_POSTS)) return false;
  for (const post of holders) if (writesAsNoun(postSurface(post), word)) return false;
  return true;
}

const KEPT_PARTICLES: ReadonlySet<string> = new Set(PARTICLES_KEPT_AFTER_ONE_SYLLABLE);

/**
 * A two-syllable word ending in a particle the analyzer keeps on (앱도, 팀만) may be one
 * syllable and its particle: the posts show it is a noun only by writing it with a case
 * particle (인도의, 속도가), and one post that writes it without one (모바일 앱도 금지했습니다)
 * is evidence enough that it is not, since the word that stays says too little to make a post
 * unable to answer.
 */
function endsInKeptParticle(word: Word): boolean {
  return word.term.length === 2 && KEPT_PARTICLES.has(word.term[1]!);
}

/** Most posts found by a misspelling of a word that {@link readsAsVerb} analyses for its Latin spelling. */
const MISREAD_HOLDERS = 10;

/**
 * The question's verb candidate is a verb: none of the posts that hold it writes it with a case
 * particle (위반을, 경찰이), and they write one of the forms only the verb has (나온다, 나왔). When
 * the question writes the verb's ending (받아오는 새 프로그램, 나가고), also when none of a few such
 * posts writes the word, in Hangul or as the Latin word it would transliterate (디렉터, director):
 * the index found them through a part or a misspelling of it, and the blog has no such noun.
 */
function readsAsVerb(candidate: VerbCandidate, holders: ReadonlySet<Post>): boolean {
  const { word, verbForms, ending, written } = candidate;
  const surfaces = [...holders].map(postSurface);
  const asWritten = written === undefined ? word : { ...word, term: written };
  if (surfaces.some((surface) => writesAsNoun(surface, asWritten))) return false;
  if (surfaces.some((surface) => verbForms.some((form) => surface.includes(form)))) return true;
  if (ending === undefined || holders.size > MISREAD_HOLDERS || surfaces.some((surface) => surface.includes(word.term))) return false;
  return ![...holders].some((post) => holdsLatinSpelling(postTerms(post), word));
}

/**
 * The words a post must hold when other posts hold them: the Korean topic words, and the names of
 * an English question (Octane, CERN, Noora), whichever retrieval path found the post: "Who is the
 * CTO of Octane AI?" is not answered by DX's CTO. Not the common Latin words (AI) nor the roles
 * (CTO: the person check asks for those in the sentence).
 */
function heldWords(question: ReadQuestion): Word[] {
  return [...question.topic, ...heldNames(question)];
}

/** The names of an English question a post must hold (see {@link heldWords}). */
function heldNames(question: ReadQuestion): Word[] {
  return question.names.filter((word) => !COMMON_LATIN.has(word.term) && !ROLE_WORD.test(word.term.toUpperCase()));
}

/**
 * The first word of the question the post lacks: a specific term, then a topic word that other
 * posts of the blog hold (`holders`, see {@link topicHolders}: 무선 충전 when the post only has
 * 유선; 구글 in a post about Anthropic). A word no post holds says nothing about this one: a
 * spelling the blog never uses (아포피스 for Apophis), a colloquial verb form (빨라, 데려온); nor
 * does the word the question word is asked of (검사 기간 언제부터, 통신사 어디야): the post answers
 * with the thing itself (8일부터 14일까지, TELUS), seldom with that word beside it. A Hangul word
 * the post writes in the Latin letters it transliterates (프리모바일: Free Mobile) is held, and so is
 * one the post writes as another Korean word of the same English (폴더 as 디렉토리).
 */
function lackingWord(question: ReadQuestion, holders: Map<Word, Set<Post>>, post: Post): Word | undefined {
  const terms = postTerms(post);
  return (
    question.specific.find((word) => !containsWord(terms, word) && !spelledInLatin(word, terms) && !holdsNumberOf(word, terms) && !writesJoinedName(terms, word.term, question.text) && !holdsNumberedName(terms, word) && !holdsSpelledOut(word, terms)) ??
    lackingVersion(question, post) ??
    (lacksKind(question, post) ? question.category : undefined) ??
    [...holders].find(([word, holding]) => {
      if (holding.size === 0 || holding.has(post) || containsWord(terms, word) || word.term === question.askedOf?.term || holdsYearNamed(word, post, terms)) return false;
      return word.kind === 'hangul'
        ? !holdsVerbForm(terms, word) && !writesInLatin(terms, word) && !holdsPivot(terms, word)
        : !holdsLoanword(terms, word) && !translatesSmallWord(question, word, terms) && !writesJoinedName(terms, word.term, question.text);
    })?.[0]
  );
}

/**
 * The text writes a Korean word of the same English as the word (디렉토리 for 폴더, both folder
 * and directory), as the vocabulary's pivots read them: a summary says in its own
 * words what the member calls otherwise, and a post so worded still speaks of the question's topic.
 */
function holdsPivot(terms: TextTerms, word: Word): boolean {
  return pivotsOf(word).some((pivot) => terms.terms.has(pivot));
}

/** The versions each post writes after a name, read once per post. */
const postVersions = new WeakMap<Post, NamedVersion[]>();

/**
 * The question's version (루비 4.1, Realme P5) as a word the post lacks when the post writes that
 * name only with other versions: the number alone may stand elsewhere in it in another role
 * (UFS 3.1 for Ruby 3.1).
 */
function lackingVersion(question: ReadQuestion, post: Post): Word | undefined {
  if (question.versions.length === 0) return undefined;
  let written = postVersions.get(post);
  if (!written) postVersions.set(post, (written = namedVersionsOf(postText(post))));
  const version = otherVersionNamed(question.versions, written);
  return version && { term: writtenVersion(version), variants: [], parts: [], grams: [], kind: 'mixed' };
}

/** A number as a piece of a hyphenated word: 202 of 202-pound, 16 of under-16. */
const NUMBER_PIECE = /^\d+(?:[.,]\d+)?$/;

/**
 * A specific word of an English question that joins one number to ordinary English words
 * (202-pound, under-16, 13-inch) is held by a post that writes the number as a number (202파운드,
 * 16세 미만, 13인치): the words beside it are ones a Korean post translates, as it does the
 * question's other ordinary words, and the number is what makes the word specific. An ordinary
 * word is a stopword or one the glossary or the vocabulary translates; a name beside the number (gpt-5,
 * avx-512, hp-41, CVE-2025) translates to nothing of the kind and stays to be written as asked.
 */
function holdsNumberOf(word: Word, terms: TextTerms): boolean {
  if (NUMBER_PIECE.test(word.term)) return new RegExp(`(?<![\\d.,])${escapeRegex(word.term)}[a-z]`).test(terms.surface);
  if (word.kind !== 'mixed' || !word.term.includes('-')) return false;
  const pieces = word.term.split('-');
  const numbers = pieces.filter((piece) => NUMBER_PIECE.test(piece));
  // The post's test first: it is a set lookup, the reading of the other pieces is not.
  if (numbers.length !== 1 || !terms.terms.has(numbers[0]!)) return false;
  return pieces
    .filter((piece) => piece !== numbers[0])
    .every((piece) => {
      // A stopword (under, per) is read as no word at all: ordinary by definition.
      if (!/^[a-z]+$/.test(piece)) return false;
      const [read] = analyzeQueryWords(piece);
      return read === undefined || (read.kind === 'latin' && (glossary().find([read]) !== undefined || vocabularySensesOf(read).length > 0));
    });
}

/**
 * A Latin word the question writes in small letters ("click-based relevance signals") is held
 * as the ordinary word it may be by a post writing the vocabulary's Korean for it (신호): that
 * other posts capitalize Signal, the app, makes it a name the posts must hold ({@link
 * withWrittenNames}) only for posts that do not translate it.
 */
function translatesSmallWord(question: ReadQuestion, word: Word, terms: TextTerms): boolean {
  if (word.kind !== 'latin' || asWritten(question, word) !== word.term) return false;
  return vocabularySensesOf(word).some((sense) => writesSpelling(terms, sense));
}

/** Words naming a kind too general for a post to write beside its answer (도시, 회사: city, company). */
const KIND_WORDS: ReadonlySet<string> = new Set(cues.categoryWords);

/**
 * An English question asks which thing of a kind (which **university**, which **model**) that
 * the post never writes in any spelling, though the glossary says how Korean writes it (대학):
 * a post that names a university writes 대학 or University beside it, so this one names none.
 * Only for a question answered by a name ('what share of …' asks a figure). Not the general
 * kinds (company, city: 회사, 도시), which a post names without the word, nor a
 * word the glossary cannot translate: the post may write it in a way the code cannot reach.
 */
function lacksKind(question: ReadQuestion, post: Post): boolean {
  const kind = question.category;
  if (question.lang !== 'en' || kind === undefined || !NAME_FOCUSES.has(question.focus)) return false;
  const translations = translationsOf(kind);
  if (translations.length === 0 || translations.some((term) => KIND_WORDS.has(term))) return false;
  const terms = postTerms(post);
  return !containsWord(terms, kind) && !holdsLoanword(terms, kind) && koreanSpellings(post, kind, translationsOf).length === 0;
}

/** A Korean question's closing predicate, with the negation before it (왜 안 좋아?, 어떻게 잡아내?). */
const CLOSING_PREDICATE = /\s+(?:(?:안|못)\s+)?[\uAC00-\uD7A3]+[?？!.\s]*$/u;

/**
 * A Korean question as the posts would word it, when the question as asked finds no passage:
 * 1. its compounds written apart (진행상황 → 진행 상황), when the index lacks the compound but holds
 *    both halves: members often drop the space the posts write. Only posts that write
 *    the halves side by side and hold the question's other topic words: 기업 and 가치 apart match
 *    "핵심 가치" in a post about another company;
 * 2. without its closing predicate (좋아 in "왜 안 좋아?"): a passage must hold half the words of the
 *    query, and a colloquial predicate is a word no passage that answers need write, while a post
 *    that does (좋아요 버튼) is about something else.
 * The passages found are judged as any others.
 */
function rewordedPassages(index: AnswerIndex, question: ReadQuestion, filter: QueryOptions['filter']): Passage[] {
  const spaced = withCompoundsApart(index, question, filter);
  if (spaced) {
    const found = index.answer(spaced.text, { limit: PASSAGES, filter: spaced.filter });
    if (found.length > 0) return found;
  }
  const bare = question.text.replace(CLOSING_PREDICATE, '');
  return bare === question.text || bare.trim() === '' ? [] : index.answer(bare, { limit: PASSAGES, filter });
}

/** Fewest syllables of each half of a compound written without its space. */
const COMPOUND_HALF = 2;

/**
 * The question with each Hangul word the index lacks, but whose two halves it holds, written as the
 * two words, and a filter to the posts that write those halves side by side and hold the other
 * topic words; undefined when no word splits so.
 */
export function withCompoundsApart(index: Pick<AnswerIndex, 'search'>, question: ReadQuestion, filter: QueryOptions['filter']): { text: string; filter: (post: Post) => boolean } | undefined {
  const held = (term: string): boolean => index.search(term, { limit: 1, filter }).length > 0;
  let text = question.text;
  const compounds = new Map<string, string>();
  for (const word of question.words) {
    if (word.kind !== 'hangul' || word.term.length < 2 * COMPOUND_HALF || held(word.term)) continue;
    for (let at = COMPOUND_HALF; at <= word.term.length - COMPOUND_HALF; at++) {
      const [left, right] = [word.term.slice(0, at), word.term.slice(at)];
      if (!held(left) || !held(right)) continue;
      text = text.replace(word.term, `${left} ${right}`);
      compounds.set(word.term, `${left} ${right}`);
      break;
    }
  }
  if (compounds.size === 0) return undefined;
  const holders = question.topic
    .filter((word) => !compounds.has(word.term))
    .map((word) => new Set(index.search(word.term, { limit: HOLDERS_LIMIT }).map((hit) => hit.post)));
  const writes = (post: Post): boolean =>
    (filter?.(post) ?? true) && [...compounds.values()].every((phrase) => post.text.includes(phrase)) && holders.every((posts) => posts.has(post));
  return { text, filter: writes };
}

/** Words of a narrower question asked again when the whole one finds nothing. */
const RETRY_WORDS = 3;
/** A single word is asked alone only when at most this many posts hold it (a name: Nostr, Zscaler). */
const RARE_WORD_POSTS = 3;

/**
 * The passages for the question; when it finds nothing (a colloquial or English question whose
 * other words the Korean posts phrase differently), a narrower one from the words of the question
 * that some post holds:
 * 1. the post search over all these words (it weighs them over the whole post, where a passage
 *    must hold half of them): its two best posts, read whole;
 * 2. the passages for the three, then the two rarest of them, then the rarest alone when it is a
 *    rare name (Nostr).
 * `narrowed` says the whole question found nothing. The answerability checks judge these as any
 * other passages.
 */
function retrieve(index: AnswerIndex, question: ReadQuestion, filter: QueryOptions['filter']): { passages: Passage[]; narrowed: boolean } {
  const passages = index.answer(question.text, { limit: PASSAGES, filter });
  if (passages.length > 0 || question.words.length < 2) return { passages, narrowed: false };
  const reworded = question.lang === 'ko' ? rewordedPassages(index, question, filter) : [];
  if (reworded.length > 0) return { passages: reworded, narrowed: false };
  const postsOf = (word: Word): number => index.search(word.term, { limit: 50, filter }).length;
  // A word naming the kind of answer (사무실, 도시) is no word the answering post need write
  // (오피스, Bengaluru): as the rarest word, it would keep the narrower searches from that post.
  const known = question.words
    .filter((word) => ![word.term, ...word.variants].some((form) => KIND_WORDS.has(form)))
    // A number joined to a word (202-pound) that no post holds is asked by its parts: the post
    // writes 202파운드, and the number is the rarest word the question has.
    .flatMap((word, order) => {
      const posts = postsOf(word);
      if (posts > 0 || !word.parts.some((part) => NUMBER_PIECE.test(part))) return [{ word, order, posts }];
      return word.parts.flatMap((part) => analyzeQueryWords(part).map((read) => ({ word: read, order, posts: postsOf(read) })));
    })
    .filter((entry) => entry.posts > 0);
  const phrase = (entries: typeof known): string => [...entries].sort((a, b) => a.order - b.order).map((entry) => entry.word.term).join(' ');
  const rarest = [...known].sort((a, b) => a.posts - b.posts || a.order - b.order).slice(0, RETRY_WORDS);
  const narrower = (within: QueryOptions['filter']): Passage[] => {
    for (let size = rarest.length; size >= 1; size--) {
      if (size === 1 && rarest[0]!.posts > RARE_WORD_POSTS && within === filter) break;
      const found = index.answer(phrase(rarest.slice(0, size)), { limit: PASSAGES, filter: within });
      if (found.length > 0) return found;
    }
    return [];
  };
  if (known.length >= 2) {
    const searched = searchedPassages(index, phrase(known), filter);
    if (searched.length > 0) {
      // The search's order of posts stays; their passages for the rarest words, if any, follow
      // the first sections, so the sentences that hold those words rank above the rest.
      const posts = new Set(searched.map((passage) => passage.post));
      return { passages: [...searched, ...narrower((post) => posts.has(post))], narrowed: true };
    }
  }
  return { passages: narrower(filter), narrowed: true };
}

/**
 * How many of the vocabulary's Korean words for an English word the translated question asks,
 * of those the posts found hold: each is a word of the query, of which a passage must hold half
 * (dev: one lost a question two did not; three changed nothing).
 */
const QUERY_SENSES = 2;

/**
 * An English question's passages with, first, those its translation finds in the same posts: the
 * question asked with the vocabulary's Korean words for its ordinary words (quit → 사임, 종료)
 * ranks the passages that say what it asks above those that only share its names. Only the senses
 * those posts hold: a sense they lack (담당자, 인력 for "staff" beside 직원) is a word of the query no
 * passage can hold, and asks a passage to hold more of the others. Only the posts already found: in others the translation's senses match what the question does not ask (dev: a
 * post on an "Experience AI" program found through 경험 for "experience" answered a near-miss).
 */
function withTranslatedPassages(index: AnswerIndex, question: ReadQuestion, passages: Passage[]): Passage[] {
  if (question.lang !== 'en' || passages.length === 0) return passages;
  let translated = false;
  const posts = new Set(passages.map((passage) => passage.post));
  const held = (sense: string): boolean => [...posts].some((post) => postTerms(post).terms.has(sense));
  const words = question.words.flatMap((word) => {
    const senses = vocabularySensesOf(word).filter(held).slice(0, QUERY_SENSES);
    if (senses.length === 0) return [word.term];
    translated = true;
    return senses;
  });
  if (!translated) return passages;
  const found = index.answer(words.join(' '), { limit: PASSAGES, filter: (post) => posts.has(post) });
  return [...found, ...passages];
}

/** Most posts that hold every name of a question, asked again for it. */
const NAMED_POSTS = 3;

/**
 * Passages for the question from the few posts that hold all its names (as the index sees them),
 * when the passages it found came from posts without them; none when no post holds them all.
 * A Korean question's names are its specific terms (Anthropic); when more than a few posts hold
 * them, the few that also hold its topic words (인도) are asked, and for an English question,
 * which has none, the few the post search ranks first for it or for its names (METR, in four
 * posts: the one that reports its trial writes it most).
 */
function namedPassages(index: AnswerIndex, question: ReadQuestion, holders: Map<Word, Set<Post>>, filter: QueryOptions['filter']): Passage[] {
  const names = question.lang === 'en' ? heldNames(question) : question.specific;
  if (names.length === 0) return [];
  const holding = (word: Word): Set<Post> => holders.get(word) ?? new Set(index.search(word.term, { limit: HOLDERS_LIMIT }).map((hit) => hit.post));
  const within = (words: readonly Word[], posts: Iterable<Post>): Set<Post> => {
    const sets = words.map(holding);
    return new Set([...posts].filter((post) => sets.every((set) => set.has(post)) && (filter?.(post) ?? true)));
  };
  const nameQuery = names.map((name) => name.term).join(' ');
  let posts = within(names, holding(names[0]!));
  if (posts.size > NAMED_POSTS && question.lang === 'ko' && question.topic.length > 0) posts = within(question.topic, posts);
  if (posts.size > NAMED_POSTS && question.lang === 'en') posts = searchedFirst(index, [question.text, nameQuery], posts);
  if (posts.size === 0 || posts.size > NAMED_POSTS) return [];
  const inPosts = (post: Post): boolean => posts.has(post);
  const found = index.answer(question.text, { limit: PASSAGES, filter: inPosts });
  if (found.length > 0) return found;
  // The names alone: the other words of an English question are often not the Korean post's
  // words. Their passages first (the sentences around "METR은 무작위 대조 시험을 …" rank
  // first), then the posts read whole.
  return [...index.answer(nameQuery, { limit: PASSAGES, filter: inPosts }), ...searchedPassages(index, nameQuery, inPosts)];
}

/** The {@link NAMED_POSTS} of `posts` the post search ranks first for the first query that finds any. */
function searchedFirst(index: AnswerIndex, queries: readonly string[], posts: ReadonlySet<Post>): Set<Post> {
  for (const query of queries) {
    const found = index.search(query, { limit: NAMED_POSTS, filter: (post) => posts.has(post) });
    if (found.length > 0) return new Set(found.map((hit) => hit.post));
  }
  return new Set();
}

/** Posts the post search offers for a question no passage answers. */
const SEARCHED_POSTS = 2;

/**
 * The passages that stand for a post the post search found: its first section, offered so that
 * the post is read whole, not because the index ranked that section (see {@link candidatesOf}).
 */
const OFFERED_WHOLE = new WeakSet<Passage>();

/** The best posts of the post search for these words, each offered from its first section (its sentences are all candidates). */
function searchedPassages(index: AnswerIndex, query: string, filter: QueryOptions['filter']): Passage[] {
  return index.search(query, { limit: SEARCHED_POSTS, filter }).flatMap(({ post }) => {
    if (!post.sections[0]) return [];
    const passage: Passage = { post, heading: post.sections[0].heading, text: post.sections[0].text, score: 0 };
    OFFERED_WHOLE.add(passage);
    return [passage];
  });
}

/** The terms of each post's title, kept beside the post. */
const titleTermsCache = new WeakMap<Post, TextTerms>();

function titleTerms(post: Post): TextTerms {
  let terms = titleTermsCache.get(post);
  if (!terms) titleTermsCache.set(post, (terms = textTerms(post.title)));
  return terms;
}

/** Letters then a number (v2, P4, PX13): the name of a model or version, not a quantity (12GB, 2025년). */
const MODEL_NAME = /^[a-z]+\d+$/;

/** A quantity with its Latin unit (12GB, 512gb, 80W): in a price question, the configuration priced. */
const CONFIGURATION = /^\d[\d.,]*[a-z]+$/;

/** A year or a quarter: 2025년, 2025, 3분기, Q3. */
const PERIOD = /^((19|20)\d\d년?|[1-4]분기|q[1-4])$/;

/**
 * A figure belongs to its period and its subject: a question about GitClear's 2025 data is
 * answered by a sentence that says 2025 (in itself, its heading or the sentence before it) and
 * GitClear (in itself or its heading; when it names no one else, also in the sentence before it,
 * earlier in its section or in the title; in the title also for a why, see aboutIt), not by
 * Veracode's 2025 figure nor GitClear's 2024 one.
 * A model or version the question names (Gwtar v2, P4) is such a subject: the first release's
 * date is not v2's; and a price belongs to the configuration named (12GB 512GB 모델).
 */
function holdsAnchors(question: ReadQuestion, candidate: Candidate): boolean {
  // A price is of the configuration the question names (12GB 512GB 모델): the 8GB model's price
  // is not it. The sentence (its heading, the one before) must say it as it must say the period.
  const periods = question.specific.filter((word) => PERIOD.test(word.term) || (question.focus === 'price' && CONFIGURATION.test(word.term)));
  // A cause that refers back need not repeat the name: "이러한 방정식들은 … 에너지 소비가
  // 문제였습니다" explains the PDEs of the sentences before.
  const names =
    question.focus === 'reason' && REFERS_BACK.test(candidate.sentence)
      ? []
      : [...question.specific, ...heldNames(question)].filter(
          // A name saying which post is asked about (the DX talk) is the post's, not the figure's.
          (word) => (!/\d/.test(word.term) || (MODEL_NAME.test(word.term) && !PERIOD.test(word.term))) && !COMMON_LATIN.has(word.term) && !question.postWords.some((named) => named.term === word.term),
        );
  if (periods.length === 0 && names.length === 0) return true;
  // The heading and the sentence before are analysed only when the sentence itself lacks a word.
  let heading: TextTerms | undefined;
  let previous: TextTerms | undefined;
  const headingTerms = (): TextTerms => (heading ??= textTerms(candidate.heading));
  const previousTerms = (): TextTerms => (previous ??= textTerms(candidate.previous ?? ''));
  // An English question's name may be written in Hangul there (Florida, 플로리다).
  const within = (terms: () => TextTerms) => (word: Word): boolean =>
    containsWord(terms(), word) || spelledInLatin(word, terms()) || (question.lang === 'en' && (holdsLoanword(terms(), word) || holdsNumberOf(word, terms())));
  const inSentence = within(() => candidate.terms);
  const inHeading = within(headingTerms);
  const inPrevious = within(previousTerms);
  // The title says whom the figure is about (in Hangul too for an English name: 달라스 for
  // Dallas) only when the sentence holds one of the question's names or names no one else: "Salesforce를 비롯한 SaaS 기업들이 2,850억 달러를 잃었습니다" in a
  // digest titled "… Command Book App …" is not that app's price.
  let offTopic: boolean | undefined;
  // A sentence referring back (해당 노트북의 사양은 … Intel Core i5 …) is still about the thing of
  // the one before: the names in it are that thing's parts, not another subject.
  const isOffTopic = (): boolean =>
    (offTopic ??= !REFERS_BACK.test(candidate.sentence) && !names.some((name) => containsWord(candidate.terms, name)) && namesAnother(candidate.sentence, question));
  const byTitle = (word: Word): boolean =>
    containsWord(titleTerms(candidate.post), word) || (question.lang === 'en' && holdsLoanword(titleTerms(candidate.post), word));
  // So do the sentence before it and the section before it: "싱가포르에 본사를 둔 사이버보안 회사는
  // … 355,000달러" two sentences after "Group-IB는 …" is still about Group-IB, but "TX-NFC는 …
  // 25,000명 이상의 구독자" after "Group-IB는 TX-NFC, X-NFC, NFU Pay를 확인했습니다" is TX-NFC's
  // figure, not NFU Pay's.
  let before: TextTerms | undefined;
  const bySection = (word: Word): boolean => containsWord((before ??= textTerms(sectionBefore(candidate))), word);
  // A cause is often another thing than the one asked about ("RP2040 같은 현대 마이크로컨트롤러는 …
  // 배터리 수명에 영향을 줄 수 있습니다" in the TULIP post): naming it does not take a why off the
  // thing the title names, as another company's figure takes a figure off it.
  const aboutIt = (word: Word): boolean =>
    (question.focus === 'reason' && byTitle(word)) || (!isOffTopic() && (inPrevious(word) || byTitle(word) || bySection(word)));
  return (
    periods.every((word) => inSentence(word) || inHeading(word) || inPrevious(word)) &&
    names.every((word) => inSentence(word) || inHeading(word) || aboutIt(word))
  );
}

/** The text of the candidate's section before the candidate's sentence. */
function sectionBefore(candidate: Candidate): string {
  for (const section of candidate.post.sections) {
    if (section.heading !== candidate.heading) continue;
    const at = section.text.indexOf(candidate.sentence);
    if (at >= 0) return section.text.slice(0, at);
  }
  return '';
}

/**
 * The sentence says which figure or date it gives: the question's qualifier (철거 in 철거 비용, 출시
 * in 출시일) is in it or in the sentence before, also in the Latin letters a Hangul name
 * transliterates (프리모바일 과징금: Free Mobile에 … 과징금). A post's maintenance cost is not its
 * demolition cost, and another game's release month is not this one's.
 */
function saysWhichOne(question: ReadQuestion, candidate: Candidate): boolean {
  const word = question.qualifier;
  if (!word) return true;
  return (
    containsWord(candidate.terms, word) ||
    holdsVerbForm(candidate.terms, word) ||
    writesInLatin(candidate.terms, word) ||
    (candidate.previous !== undefined && containsWord(textTerms(candidate.previous), word))
  );
}

/** A name in Latin capitals (Salesforce, SaaS) the question does not say. */
const LATIN_NAME = /(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]+/g;

/**
 * True when the sentence names in Latin letters someone or something the question does not, as
 * typed or in the Hangul a Korean question transliterates it in (프로메테우스 for Prometheus).
 */
function namesAnother(sentence: string, question: ReadQuestion): boolean {
  const asked = question.text.toLowerCase();
  const hangul = question.words.filter((word) => word.kind === 'hangul');
  return [...sentence.matchAll(LATIN_NAME)].some(([name]) => {
    const lower = name.toLowerCase();
    if (COMMON_LATIN.has(lower) || asked.includes(lower)) return false;
    const terms = textTerms(name);
    return !hangul.some((word) => translationsOf(word).some((term) => terms.terms.has(term)) || holdsLatinSpelling(terms, word));
  });
}

/**
 * A shaped sentence answers only when it is about the question: it holds enough of its words, or,
 * for an English question over Korean posts (whose words the sentence translates), it comes from
 * one of the best passages the index found (when the question has names the post holds, or the
 * sentence holds some of its words: nothing else ties such a post to the question), or, for a
 * why, writes every name of the question itself ("EuConform은 … 위해 개발된", read whole from
 * its post: the index ranks passages by the words it can match, which an English question
 * seldom shares with them). Not for a figure: a sentence naming the thing beside any number does
 * not say it is the number asked for. And an English figure question's sentence must say which
 * figure it gives ({@link saysWhatIsMeasured}).
 */
function matchesEnough(question: ReadQuestion, candidate: Candidate): boolean {
  if (!holdsAnchors(question, candidate) || !saysWhichOne(question, candidate)) return false;
  if (!question.asksChange && givesOnlyChange(question.focus, candidate.sentence)) return false;
  if (!saysWhatIsMeasured(question, candidate)) return false;
  if (candidate.coverage >= MIN_SHAPED_COVERAGE) return true;
  if (question.lang !== 'en') return false;
  // A sentence holding none of the question's words is about it only when the post holds the
  // question's names: otherwise nothing but the index's rank ties the post to the question.
  if (candidate.passageRank < ENGLISH_PASSAGES && (candidate.coverage > 0 || heldNames(question).length > 0)) return true;
  const names = question.focus === 'reason' ? heldNames(question) : [];
  return names.length > 0 && names.every((name) => containsWord(candidate.terms, name));
}

/** Focuses whose figure is money: a change of it is written by the figure's side ($100 할인, 500억 원 증가, $100 off). */
const MONEY_FOCUSES: ReadonlySet<Focus> = new Set(['price', 'amount']);

/** The money focuses' shapes, global, to look at every figure. */
const MONEY_SHAPES = new Map([...MONEY_FOCUSES].map((focus) => [focus, SHAPES.get(focus)!.map((shape) => new RegExp(shape.source, 'gi'))]));

/** What follows a figure written as a change (할인, 증가, off), not as the value itself. */
const CHANGE_AFTER_FIGURE = new RegExp(cues.changeAfterFigure, 'i');

/**
 * Every money figure of the sentence is a change ("$100 할인된 가격에 판매", "$100 off"): it does not
 * give the price or the amount itself, which a question not asking for the change wants. A
 * sentence with any other figure, or with "무료" (no figure), still may.
 */
export function givesOnlyChange(focus: Focus, sentence: string): boolean {
  if (!MONEY_FOCUSES.has(focus)) return false;
  const figures = (MONEY_SHAPES.get(focus) ?? []).flatMap((shape) => [...sentence.matchAll(shape)]);
  return figures.length > 0 && figures.every((figure) => /\d/.test(figure[0]) && CHANGE_AFTER_FIGURE.test(sentence.slice(figure.index! + figure[0].length)));
}

/**
 * The sentence gives the figure or date an English question asks for ({@link ReadQuestion.measured}):
 * "how much did west midlands police spend on their copilot licences" is not answered by a
 * sentence about the Copilot errors with a number in it, nor "how many employees does DX have" by
 * "121,000명의 개발자", a count of developers. Each group of measured words must be in the sentence
 * or the one before, by one of its words in any spelling the post has or the vocabulary gives.
 */
function saysWhatIsMeasured(question: ReadQuestion, candidate: Candidate): boolean {
  let previous: TextTerms | undefined;
  return question.measured.every((group) => {
    const spellings = group.flatMap((word) => [...koreanSpellings(candidate.post, word, translationsOf), ...vocabularyOf(word)]);
    const holds = (terms: TextTerms): boolean => group.some((word) => containsWord(terms, word)) || spellings.some((term) => writesSpelling(terms, term));
    return holds(candidate.terms) || (candidate.previous !== undefined && holds((previous ??= textTerms(candidate.previous))));
  });
}

/** The text writes a Korean spelling as a word or, of two syllables or more, inside a compound (사망 in 사망률, 출시 in 출시일), as {@link containsWord} reads a Korean word. */
function writesSpelling(terms: TextTerms, spelling: string): boolean {
  return terms.terms.has(spelling) || (spelling.length >= 2 && HANGUL.test(spelling) && terms.surface.includes(spelling));
}

const COMMON_LATIN = new Set(cues.commonLatinWords);

/** Role words of a person question (TSMC **CEO**), case-sensitive for the Latin ones (CEO, not "ceo" in a word). */
const ROLE = new RegExp(`(${cues.roleWords.join('|')})`);
/** A whole word that is a role (CEO), as the names of an English question are checked. */
const ROLE_WORD = new RegExp(`^(${cues.roleWords.join('|')})$`);
/** A Latin role an English question writes in small letters (who is the ceo of …), as a whole word. */
const SMALL_ROLE = new RegExp(`(?<![a-z])(${cues.roleWords.filter((role) => /^[A-Z]+$/.test(role)).join('|')})(?![a-z])`, 'i');

/** The role a person question names, if any: in an English question also written in small letters (ceo → CEO). */
function roleOf(question: ReadQuestion): string | undefined {
  return ROLE.exec(question.text)?.[1] ?? (question.lang === 'en' ? SMALL_ROLE.exec(question.text)?.[1]?.toUpperCase() : undefined);
}

/**
 * The sentence that may answer a person question. One that names a role (TSMC CEO, Unkey 공동창업자)
 * needs a sentence with that role and every specific term: a post naming Nvidia's CEO beside a
 * former TSMC vice president does not say who TSMC's CEO is.
 */
function personAnswer(question: ReadQuestion, candidates: readonly Candidate[]): Candidate | undefined {
  const role = roleOf(question);
  if (!role) return candidates[0];
  // 공동창업자 is also written 공동 창업자.
  const rolePattern = new RegExp([...role.replace(/\s+/g, '')].join('\\s*'));
  // The names of the question (TSMC, Unkey), not its numbers (93%) nor common words (AI): those
  // are checked with the post.
  const names = [...question.specific, ...heldNames(question)].filter(
    (word) => !/\d/.test(word.term) && !COMMON_LATIN.has(word.term) && !rolePattern.test(word.term.toUpperCase()),
  );
  return candidates.find((c) => rolePattern.test(c.sentence) && names.every((word) => containsWord(c.terms, word)) && hasShape(c.sentence, 'person'));
}

/** The best candidate that may answer, or undefined when none has what the focus needs. */
function bestAnswer(question: ReadQuestion, candidates: readonly Candidate[]): Candidate | undefined {
  if (CHECKED_FOCUSES.has(question.focus)) return candidates.find((c) => c.shaped && matchesEnough(question, c));
  if (question.focus === 'person' && roleOf(question)) return personAnswer(question, candidates);
  if (asksWhoMade(question)) return makerAnswer(question, candidates);
  // Who, which company, where, what name: the best sentence must bring a name the question does
  // not already say (hasShape). One that only repeats the question's names ("Floating Cheeto!" -
  // 투명한 물 위의 스낵이 …) or the kind of answer (도시 규모의 …) says what the blog has, not the answer.
  const best = candidates[0];
  return best && (best.shaped || !NAME_FOCUSES.has(question.focus)) ? best : undefined;
}

/**
 * The sentence names who holds the role a person question asks about: it has that role (see
 * {@link personAnswer}) beside a name the question does not say (Applied Digital의 CEO 웨스
 * 커민스(Wes Cummins)는 …). What it says is undisclosed (위치를 비공개로 한 이유) is then
 * something else: a role whose holder is not disclosed has no name beside it.
 */
function namesRoleHolder(question: ReadQuestion, candidate: Candidate): boolean {
  return question.focus === 'person' && roleOf(question) !== undefined && hasShape(candidate.sentence, 'person', question.text);
}

/** Focuses answered by a name: a best sentence saying that name is not disclosed does not answer them. */
const NAME_FOCUSES: ReadonlySet<Focus> = new Set(['person', 'company', 'place', 'name']);
/** "회사는 아직 정확한 위치를 공개하지 않고 있습니다", "익명의 임차인": the post says it does not know either. */
const UNDISCLOSED = new RegExp(cues.undisclosed.join('|'), 'i');

/** A question asking who made something: 만든, 개발한, 설립한, invented, built, the dev behind. */
const ASKS_WHO_MADE = cues.creatorQuestion.map((source) => new RegExp(source, 'i'));
/** A sentence saying who made it: an agent's verb (개발한, 만든, 설립했), 에 의해, 창시자, founded by. */
const SAYS_WHO_MADE = cues.creatorAnswer.map((source) => new RegExp(source, 'i'));
/** Focuses of the questions {@link saysWhoMade} checks: who made it, which company made it. */
const MAKER_FOCUSES: ReadonlySet<Focus> = new Set(['person', 'company']);

/** The question asks who or which company made something (see {@link saysWhoMade}). */
const asksWhoMade = (question: ReadQuestion): boolean =>
  MAKER_FOCUSES.has(question.focus) && ASKS_WHO_MADE.some((pattern) => pattern.test(question.text));

/**
 * The best sentence of the best post that may answer who made something: one bringing a name and
 * saying someone made a thing, with the question's specific terms (Microsoft 팀과 함께 PhotoDNA를
 * 개발했던 Farid), rather than the best-matching one about the maker's other work, which
 * {@link saysWhoMade} would decline. Not another post's: the best post is the one about the thing.
 */
function makerAnswer(question: ReadQuestion, candidates: readonly Candidate[]): Candidate | undefined {
  const post = candidates[0]?.post;
  return candidates.find(
    (c) =>
      c.post === post &&
      c.shaped &&
      SAYS_WHO_MADE.some((pattern) => pattern.test(c.sentence)) &&
      question.specific.every((word) => containsWord(c.terms, word)),
  );
}

/**
 * A who/which-company question asking who made something (ZeroDayRAT은 어느 조직이 만들었습니까?,
 * who invented nostr) is answered only by a lead that says someone made it: a name near the
 * thing (iVerify의 연구원, "Notes and Other Stuff …"의 약자) is not its maker, and a passive
 * without an agent (지원하도록 설계되었습니다, 제작되어) names none.
 */
function saysWhoMade(question: ReadQuestion, lead: readonly string[]): boolean {
  if (!asksWhoMade(question)) return true;
  const text = lead.join(' ');
  return SAYS_WHO_MADE.some((pattern) => pattern.test(text));
}

/**
 * The question without the capitalized words that make, with the word beside them, a phrase of
 * the glossary (City Hall = 시청 in "Dallas City Hall"): ordinary words of a name, which a Korean
 * post writes in Korean, not names it must write in Latin letters. Not the aliases' phrases:
 * those are names (Claude Code, Visual Studio Code).
 */
function withoutPhraseNames(question: ReadQuestion): ReadQuestion {
  if (question.names.length < 2) return question;
  const { glossary } = translationTables();
  const names = new Set(question.names.map((name) => name.term));
  const phrased = new Set<string>();
  question.words.forEach((word, i) => {
    const next = question.words[i + 1];
    if (!next || !names.has(word.term) || !names.has(next.term)) return;
    if (glossary.find([word, next])) phrased.add(word.term).add(next.term);
  });
  return phrased.size === 0 ? question : { ...question, names: question.names.filter((name) => !phrased.has(name.term)) };
}

/** Most posts read to tell whether the blog writes a lower-case word of a question as a name. */
const NAME_CHECK_POSTS = 8;
const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * True when the posts holding the word write it in Korean prose (before a Hangul word or
 * particle, or in a list of capitalized words that ends so: Meta는, Safari 브라우저, SaaS 기업,
 * "Hootsuite, Sprinklr, Proofpoint 등") with a capital and small letters, and never there
 * all in small letters: in Korean posts a Latin word so written is a name. Elsewhere (code, file
 * names, links, English quotes and titles, whose words are capitalized anyway) says nothing, and
 * nor does an acronym (SPACE 메트릭), which may spell an ordinary word.
 */
export function writtenAsName(posts: readonly Pick<Post, 'title' | 'summary' | 'text'>[], word: Word): boolean {
  let capitalized = 0;
  for (const post of posts) {
    const written = nameWritingOf(post, word.term);
    if (written === WRITTEN_IN_SMALL_LETTERS) return false;
    capitalized += written;
  }
  return capitalized > 0;
}

/** {@link nameWriting} when some match is all in small letters (else it counts the capitalized ones). */
const WRITTEN_IN_SMALL_LETTERS = -1;
/** Terms whose writing is kept per post; past it the post's are dropped (a bound, not a tuning). */
const NAME_WRITINGS_PER_POST = 512;
/**
 * {@link nameWriting} per post and term: one question asks it of the same posts for each of its
 * words and phrases, and the next questions ask again of the same names; each is a regex pass
 * over a whole post. Keyed by the post object, which a reload replaces when the file changes
 * (the index relies on that too), so a changed post is read anew and a dropped one is collected.
 */
const nameWritings = new WeakMap<object, Map<string, number>>();

function nameWritingOf(post: Pick<Post, 'title' | 'summary' | 'text'>, term: string): number {
  let writings = nameWritings.get(post);
  if (!writings) nameWritings.set(post, (writings = new Map()));
  let written = writings.get(term);
  if (written === undefined) {
    if (writings.size >= NAME_WRITINGS_PER_POST) writings.clear();
    writings.set(term, (written = nameWriting(post, term)));
  }
  return written;
}

/** How one post writes the term in Korean prose (see {@link writtenAsName}): the capitalized matches, or {@link WRITTEN_IN_SMALL_LETTERS}. */
function nameWriting(post: Pick<Post, 'title' | 'summary' | 'text'>, term: string): number {
  const haystack = `${post.title}\n${post.summary.join('\n')}\n${post.text}`;
  const letters = escapeRegex(term).replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);
  // Every match starts with the word itself: a post that never writes it (one found through a
  // Korean spelling or a variant) is spared the pattern below, whose look-behind runs at every character.
  if (!new RegExp(letters, 'u').test(haystack)) return 0;
  // Not the last word of a longer name (Microsoft Graph에서): its words may be ordinary ones.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_.-]|(?<![\\p{L}\\p{N}])\\p{Lu}[\\p{L}\\p{N}.+-]* )(${letters}(?:e?s)?)(?= ?[\uAC00-\uD7A3]|, \\p{Lu}[\\p{L}\\p{N}]*(?:, \\p{Lu}[\\p{L}\\p{N}]*)* ?[\uAC00-\uD7A3])`, 'gu');
  let capitalized = 0;
  for (const [, match] of haystack.matchAll(pattern)) {
    if (match === match!.toLowerCase()) return WRITTEN_IN_SMALL_LETTERS;
    if (match !== match!.toUpperCase()) capitalized++;
  }
  return capitalized;
}

/**
 * An English question written in lower case ("how much was meta fined", "does safari render
 * gwtar files") has its names read as the posts write them: a Latin word of the question that
 * no glossary line translates and that the posts holding it always capitalize is a name, held
 * to what the capitalized ones are (the post that answers must write it, in any spelling).
 */
function withWrittenNames(index: AnswerIndex, question: ReadQuestion, filter: QueryOptions['filter']): ReadQuestion {
  if (question.lang !== 'en') return question;
  const named = new Set(question.names.map((name) => name.term));
  const found = question.words.filter((word) => {
    if (word.kind !== 'latin' || word.term.length < 3 || named.has(word.term) || COMMON_LATIN.has(word.term)) return false;
    // A word the glossary translates is an ordinary one; the aliases' words are names (safari = 사파리).
    // Not a vocabulary word: it lists the posts' words whatever they are, and read as ordinary they
    // let lower-case names through (measured on dev: two English near-misses answered).
    if (ROLE_WORD.test(word.term.toUpperCase()) || glossary().find([word])) return false;
    const posts = index.search(word.term, { limit: NAME_CHECK_POSTS, filter }).map((hit) => hit.post);
    return writtenAsName(posts, word);
  });
  const phrased = writtenPhraseNames(index, question, filter).filter((word) => !named.has(word.term) && !found.includes(word));
  const added = [...found, ...phrased];
  return added.length === 0 ? question : { ...question, names: [...question.names, ...added] };
}

/**
 * The words of two-word names an English question writes in lower case ("where did applied
 * digital run into …"): two Latin words, side by side in the question, that the posts holding
 * both always write capitalized together in Korean prose (Applied Digital이). Each word alone may
 * be an ordinary one the glossary translates (applied, digital), which {@link withWrittenNames}
 * leaves to the glossary; together they name a company the answering post must write.
 */
function writtenPhraseNames(index: AnswerIndex, question: ReadQuestion, filter: QueryOptions['filter']): Word[] {
  const text = question.text.toLowerCase();
  return question.words.flatMap((word, i) => {
    const next = question.words[i + 1];
    if (!next || word.kind !== 'latin' || next.kind !== 'latin' || word.term.length < 3 || next.term.length < 3) return [];
    const phrase = `${word.term} ${next.term}`;
    // An alias's phrase (claude code) is a name the index already spells; its words are read as written.
    if (!text.includes(phrase) || translationTables().aliases.find([word, next])) return [];
    const posts = index.search(phrase, { limit: NAME_CHECK_POSTS, filter }).map((hit) => hit.post);
    return writtenAsName(posts, { ...word, term: phrase }) ? [word, next] : [];
  });
}

/** Answers a question from the index's passages (see the module comment). */
export function answerQuestion(index: AnswerIndex, text: string, options: Pick<QueryOptions, 'filter'> = {}): AnswerResult {
  const read = withoutPhraseNames(withWrittenNames(index, readQuestion(text), options.filter));
  const passages = withTranslatedPassages(index, read, retrieve(index, read, options.filter).passages);
  // A name of an English question that no post writes, in any spelling the index reads (Husky in
  // "migrate from Husky to prek", Palo Alto, Gantt in "Does Beautiful Mermaid support Gantt
  // charts?"), is one the blog never mentions: a post found through the other words cannot
  // answer, however well a glossary word (support → 지원) matches. A name some other post writes
  // proves nothing: this one may transliterate it (Florida, 플로리다).
  const unwritten = read.names.filter((name) => index.search(name.term, { limit: 1, filter: options.filter }).length === 0);
  const question = unwritten.length > 0 ? { ...read, specific: [...read.specific, ...unwritten] } : read;
  if (passages.length === 0) return { kind: 'none', question };
  const holders = topicHolders(index, question);
  let posts = [...new Set(passages.map((p) => p.post))];
  let complete = posts.filter((post) => lackingWord(question, holders, post) === undefined);
  if (complete.length === 0) {
    // The passages came from posts without the question's names (CERN): ask again within the
    // posts that hold them all, which the checks then judge as any other.
    const named = namedPassages(index, question, holders, options.filter);
    if (named.length > 0) {
      passages.unshift(...named);
      posts = [...new Set(passages.map((p) => p.post))];
      complete = posts.filter((post) => lackingWord(question, holders, post) === undefined);
    }
  }
  const closest = posts[0]!;
  if (complete.length === 0) {
    const lacking = lackingWord(question, holders, closest)!;
    const sentence = candidatesOf(question, passages, [closest])[0]?.sentence;
    return { kind: 'closest', question, missing: { term: asWritten(question, lacking) }, closest, sentence };
  }
  const candidates = candidatesOf(question, passages, complete);
  const best = bestAnswer(question, candidates);
  if (!best || (NAME_FOCUSES.has(question.focus) && UNDISCLOSED.test(best.sentence) && !namesRoleHolder(question, best))) {
    // The post quoted is the one named as the closest.
    const shown = best ?? candidates[0];
    return { kind: 'closest', question, missing: { focus: question.focus }, closest: shown?.post ?? complete[0]!, sentence: shown?.sentence };
  }
  const lead = leadOf(best, candidates, question.focus);
  // A lead about Ruby 4.0 does not answer a question about 루비 4.1, though the post names 4.1 elsewhere.
  const version = otherVersionNamed(question.versions, namedVersionsOf(lead.join(' ')));
  if (version) return { kind: 'closest', question, missing: { term: writtenVersion(version) }, closest: best.post, sentence: best.sentence };
  if (!saysWhoMade(question, lead)) return { kind: 'closest', question, missing: { focus: question.focus }, closest: best.post, sentence: best.sentence };
  return { kind: 'answer', question, lead, sources: [best.post], passages };
}

/** The extractive answer as text: the lead sentence(s), cited [1]. */
export function extractiveText(answer: Answered): string {
  return `${answer.lead.join(' ')} [1]`;
}
