/**
 * Prints every DEVELOPMENT question /ask fails, with the reply it got, for tuning /ask. It never
 * prints held-out questions: those are only measured, by answers.test.ts.
 *
 * `npx tsx test/answers/dev-failures.ts [--all] [--batch NAME] [--tune]`
 *
 * `--tune` prints only the failures of the "tune" part of dev (split.ts, splitDevForTuning) and
 * the totals of "tune" and "check": the "check" part is a held-out part inside dev, never printed
 * question by question, so a change can be judged on questions it was not fitted to.
 */
import { coreFor } from '../helpers/core.ts';
import { REAL_CORPUS } from '../helpers/corpus.ts';
import { askThroughCore } from './ask-adapter.ts';
import { type Outcome, evaluateAnswers } from './metrics.ts';
import { loadQuestions } from './set.ts';
import { type TuningPart, splitDevForTuning } from './split.ts';

const argv = process.argv.slice(2);
const all = argv.includes('--all');
const tuneOnly = argv.includes('--tune');
const batch = argv.includes('--batch') ? argv[argv.indexOf('--batch') + 1] : undefined;
const { core, engine } = await coreFor(REAL_CORPUS, { siteUrl: 'https://tech.webi.kr' });
const questions = loadQuestions();
const tuning = splitDevForTuning(questions);
const dev = questions.filter((q) => q.part === 'dev' && (batch === undefined || (q.batch ?? 'first') === batch));
const evaluation = await evaluateAnswers(dev, askThroughCore(core, () => engine.library));
for (const { question, answer, verdict, passed } of evaluation.outcomes) {
  if ((passed && !all) || (tuneOnly && tuning.get(question.id) !== 'tune')) continue;
  console.log(`\n## ${question.id} ${question.kind} ${question.focus} ${question.lang} → ${verdict}`);
  console.log(`Q: ${question.question}`);
  console.log(`expect: ${question.expect[0]}  ${question.fact ? `fact: ${question.fact.join(' | ')}` : `missing: ${question.missing}`}`);
  console.log(`sources: ${answer.sources.map((s) => s.id).join(', ')}`);
  console.log(answer.text.slice(0, 900));
}
const count = (outcomes: readonly Outcome[], kind: string): string => {
  const ofKind = outcomes.filter((o) => o.question.kind === kind);
  return `${ofKind.filter((o) => o.passed).length}/${ofKind.length}`;
};
const line = (label: string, outcomes: readonly Outcome[]): string =>
  `${label}: answerable ${count(outcomes, 'answerable')}, near-miss ${count(outcomes, 'near-miss')}`;
console.log(`\n${line('dev', evaluation.outcomes)}`);
for (const part of ['tune', 'check'] as TuningPart[]) {
  console.log(line(part, evaluation.outcomes.filter((o) => tuning.get(o.question.id) === part)));
}
