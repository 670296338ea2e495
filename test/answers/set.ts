/**
 * The /ask evaluation set: questions members would ask a person about the real blog
 * (/work/shared/corpus/webi-tech-blog), written from the posts before the /ask code was read.
 * Issue 11 measures /ask against it; see docs/answers-baseline.md.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What a question asks for: the kind of thing the answer must contain. */
export const FOCUSES = [
  'number', 'amount', 'price', 'date', 'person', 'company', 'place', 'name', 'reason', 'method', 'yesno',
] as const;
export type Focus = (typeof FOCUSES)[number];

/** `answerable`: some post answers it. `near-miss`: the blog covers the topic, not what is asked. */
export type QuestionKind = 'answerable' | 'near-miss';

/** Development questions may be looked at while improving /ask; held-out ones only measured. */
export type Part = 'dev' | 'heldout';

/** One question of test/answers/questions.json. */
export interface AnswerQuestion {
  id: string;
  question: string;
  lang: 'ko' | 'en';
  focus: Focus;
  kind: QuestionKind;
  /** Answerable: every post that answers it. Near-miss: the closest post(s) an honest reply may name. */
  expect: string[];
  /** Answerable only: JavaScript regex sources (case-insensitive); one must match the reply text. */
  fact?: string[];
  /** Near-miss only: what the blog lacks. */
  missing?: string;
  note?: string;
  /** Set once by split.ts. */
  part?: Part;
  /**
   * The batch the question was written in: absent for issue 11's first 157 questions, `a11c`
   * for the second batch (written before the a11c changes), `a11d` for the third (53, written
   * before the a11d changes, near-misses of the kinds issue 11 names), `a11e` for the fourth (59,
   * written before the a11e changes from 14 posts asked about at most twice: 36 answerable, most
   * of them reason/method/name/amount, 19 in English; 23 near-misses), `a11f` for the fifth (33,
   * written before the a11f tuning from 7 posts asked about at most twice: 22 answerable, 11
   * near-misses, 17 in English), `a11f2` for the sixth (33, from 4 more such posts, written in the
   * same round after tuning on a11f's dev part, before tuning on its own), `a11h` and `a11h2`
   * for the seventh and eighth (55 each: 36 answerable, 19 near-misses, 27 in English; written in
   * s21 by two writers from the 52 posts asked about at most three times, 26 posts each, without
   * running /ask or reading its code, before any s21 change; both halves untuned in s21), `a11i` and `a11i2`
   * for the ninth and tenth (55 each, 36 answerable, 19 near-misses; written at the start of s22 by two
   * writers from the posts asked about at most four times and exactly five times, without running /ask
   * or reading its code, before any s22 change was measured on them), `a11j` and `a11j2` for the
   * eleventh and twelfth (55 each, 30 of them Korean; written in s22 after the first changes were
   * merged, as the untouched measure of the second, which tune on the a11i dev halves), `a11k` and
   * `a11k2` for the thirteenth and fourteenth (same method, the measure of a third wave tuned on the
   * a11j dev halves; a11k2-004's fact set by the lead, see its note), `a11l` and `a11l2` for the fifteenth
   * and sixteenth (same method, written at the start of s23 from the posts asked about at most eight
   * times and more, the untouched measure of the s23 changes), `a11m` and `a11m2` for the seventeenth
   * and eighteenth (same method, written at the start of s24, the untouched measure of the s24
   * changes), `a11n` and `a11n2` for the nineteenth and twentieth (same method, written at the
   * start of s25 from the posts asked about least, the untouched measure of the s25 changes), `a11o` and
   * `a11o2` for the twenty-first and twenty-second (same method, written at the start of s26, the
   * untouched measure of the s26 changes), `a11p` and `a11p2` for the twenty-third and twenty-fourth
   * (same method, written at the start of s27, the untouched measure of the s27 changes). Each
   * batch is split once with its own seed (split.ts), so adding a batch never re-rolls an earlier split.
   */
  batch?: string;
}

/** Absolute path of the question set. */
export const QUESTIONS_FILE = fileURLToPath(new URL('./questions.json', import.meta.url));

/** Reads the question set. */
export function loadQuestions(file = QUESTIONS_FILE): AnswerQuestion[] {
  return JSON.parse(readFileSync(file, 'utf8')) as AnswerQuestion[];
}

/** The fact patterns of a question, compiled the way the metrics use them (case-insensitive). */
export function factPatterns(question: AnswerQuestion): RegExp[] {
  return (question.fact ?? []).map((source) => new RegExp(source, 'i'));
}
