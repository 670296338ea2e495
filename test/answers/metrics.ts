/**
 * Metrics of question answering over the set in questions.json, for any answerer: pass a
 * function that turns a question into an {@link Answer}. Used by answers.test.ts (today's /ask
 * through the real core) and by whatever answers questions next (extractive, LLM).
 *
 * - An answerable question is answered RIGHT when the reply answers, its first source (the one
 *   cited [1]) is one of the expected posts, and one of the fact patterns matches the reply text.
 * - A near-miss question is answered HONESTLY when the reply does not answer (`answered: false`);
 *   a reply that says what the blog lacks and names the closest post is still `answered: false`.
 */
import { type AnswerQuestion, type Focus, type Part, type QuestionKind, factPatterns } from './set.ts';

/** A post a reply cites, in the order the reply cites them. */
export interface AnswerSource {
  id: string;
  url: string;
}

/** What an answerer replied, in the shape the metrics judge. */
export interface Answer {
  /** False when the reply declines: "the posts don't answer that", or "no post gives X; closest: …". */
  answered: boolean;
  /** Everything the reply shows, as plain text. */
  text: string;
  sources: AnswerSource[];
}

export type Answerer = (question: AnswerQuestion) => Answer | Promise<Answer>;

/** Why a question passed or failed. */
export type Verdict =
  | 'right'
  | 'not-answered'
  | 'wrong-post'
  | 'no-fact'
  | 'honest'
  | 'answered-near-miss';

export interface Outcome {
  question: AnswerQuestion;
  answer: Answer;
  verdict: Verdict;
  passed: boolean;
}

/** One group of questions of one kind. `rate` is null when the group is empty. */
export interface Figures {
  count: number;
  passed: number;
  rate: number | null;
}

/** Answerable (right post + fact) and near-miss (honest) figures of one group, kept apart. */
export interface KindFigures {
  answerable: Figures;
  nearMiss: Figures;
}

export interface AnswerEvaluation {
  overall: KindFigures;
  byPart: Partial<Record<Part, KindFigures>>;
  byFocus: Partial<Record<Focus, KindFigures>>;
  byLang: Partial<Record<AnswerQuestion['lang'], KindFigures>>;
  /** By batch of the set: `first` (issue 11's 157 questions) or the batch's name. */
  byBatch: Partial<Record<string, KindFigures>>;
  /** Answerable failures by cause: no reply, a reply citing another post first, a reply without the fact. */
  answerableFailures: Record<'not-answered' | 'wrong-post' | 'no-fact', number>;
  outcomes: Outcome[];
}

/** Judges one reply. */
export function judge(question: AnswerQuestion, answer: Answer): Verdict {
  if (question.kind === 'near-miss') return answer.answered ? 'answered-near-miss' : 'honest';
  if (!answer.answered) return 'not-answered';
  const first = answer.sources[0];
  if (!first || !question.expect.includes(first.id)) return 'wrong-post';
  return factPatterns(question).some((pattern) => pattern.test(answer.text)) ? 'right' : 'no-fact';
}

function figuresOf(outcomes: readonly Outcome[], kind: QuestionKind): Figures {
  const ofKind = outcomes.filter((o) => o.question.kind === kind);
  const passed = ofKind.filter((o) => o.passed).length;
  return { count: ofKind.length, passed, rate: ofKind.length === 0 ? null : passed / ofKind.length };
}

function kindFigures(outcomes: readonly Outcome[]): KindFigures {
  return { answerable: figuresOf(outcomes, 'answerable'), nearMiss: figuresOf(outcomes, 'near-miss') };
}

function groupBy<K extends string>(outcomes: readonly Outcome[], key: (o: Outcome) => K | undefined): Partial<Record<K, KindFigures>> {
  const groups = new Map<K, Outcome[]>();
  for (const outcome of outcomes) {
    const k = key(outcome);
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), outcome]);
  }
  const result: Partial<Record<K, KindFigures>> = {};
  for (const [k, group] of groups) result[k] = kindFigures(group);
  return result;
}

/** Asks every question (one at a time, in order) and reports by kind, part, focus and language. */
export async function evaluateAnswers(questions: readonly AnswerQuestion[], answer: Answerer): Promise<AnswerEvaluation> {
  const outcomes: Outcome[] = [];
  for (const question of questions) {
    const reply = await answer(question);
    const verdict = judge(question, reply);
    outcomes.push({ question, answer: reply, verdict, passed: verdict === 'right' || verdict === 'honest' });
  }
  const failures = { 'not-answered': 0, 'wrong-post': 0, 'no-fact': 0 };
  for (const { verdict } of outcomes) if (verdict in failures) failures[verdict as keyof typeof failures]++;
  return {
    overall: kindFigures(outcomes),
    byPart: groupBy(outcomes, (o) => o.question.part),
    byFocus: groupBy(outcomes, (o) => o.question.focus),
    byLang: groupBy(outcomes, (o) => o.question.lang),
    byBatch: groupBy(outcomes, (o) => o.question.batch ?? 'first'),
    answerableFailures: failures,
    outcomes,
  };
}

function cell(figures: Figures): string {
  return figures.rate === null ? '—' : `${figures.rate.toFixed(2)} (${figures.passed}/${figures.count})`;
}

/** A markdown table of one grouping: a row per group, answerable and near-miss columns. */
export function formatTable(label: string, groups: Partial<Record<string, KindFigures>>): string {
  const rows = Object.entries(groups).map(([name, f]) => `| ${name} | ${cell(f!.answerable)} | ${cell(f!.nearMiss)} |`);
  return [`| ${label} | answerable: right post + fact | near-miss: honest |`, '|---|---|---|', ...rows].join('\n');
}

/** All tables of an evaluation, as markdown: overall, by part, by batch, by language, by focus. */
export function formatEvaluation(evaluation: AnswerEvaluation): string {
  const f = evaluation.answerableFailures;
  return [
    formatTable('set', { all: evaluation.overall }),
    formatTable('part', evaluation.byPart),
    formatTable('batch', evaluation.byBatch),
    formatTable('language', evaluation.byLang),
    formatTable('focus', evaluation.byFocus),
    `Answerable failures: ${f['not-answered']} not answered, ${f['wrong-post']} another post cited first, ${f['no-fact']} right post without the fact.`,
  ].join('\n\n');
}
