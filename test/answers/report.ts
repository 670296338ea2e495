/**
 * Prints the /ask figures of every part and batch (first, a11c, a11d, a11e, a11f, a11f2 batches, all), with the
 * tables by language and focus: the figures of docs/answers-baseline.md. It shows held-out
 * figures: run it once, when tuning is done, not while tuning (use dev-failures.ts then).
 *
 * `npx tsx test/answers/report.ts`
 */
import { coreFor } from '../helpers/core.ts';
import { REAL_CORPUS } from '../helpers/corpus.ts';
import { askThroughCore } from './ask-adapter.ts';
import { evaluateAnswers, formatEvaluation } from './metrics.ts';
import { type Part, loadQuestions } from './set.ts';

const { core, engine } = await coreFor(REAL_CORPUS, { siteUrl: 'https://tech.webi.kr' });
const questions = loadQuestions();
for (const part of ['dev', 'heldout'] as Part[]) {
  for (const batch of ['first', 'a11c', 'a11d', 'a11e', 'a11f', 'a11f2', 'all']) {
    const chosen = questions.filter((q) => q.part === part && (batch === 'all' || (q.batch ?? 'first') === batch));
    const evaluation = await evaluateAnswers(chosen, askThroughCore(core, () => engine.library));
    console.log(`\n### ${part}, ${batch === 'all' ? 'all batches' : `batch ${batch}`}\n\n${formatEvaluation(evaluation)}`);
  }
}
