/**
 * Prints the /ask figures of every part and batch (each batch of the set, then all), with the
 * tables by language and focus: the figures of docs/answers-baseline.md. It shows held-out
 * figures: run it once, when tuning is done, not while tuning (use dev-failures.ts then).
 *
 * `npx tsx test/answers/report.ts [--part dev|heldout] [--batch NAME]`: `--part dev` prints only the
 * development figures, for tuning without seeing held-out ones.
 */
import { coreFor } from '../helpers/core.ts';
import { REAL_CORPUS } from '../helpers/corpus.ts';
import { askThroughCore } from './ask-adapter.ts';
import { evaluateAnswers, formatEvaluation } from './metrics.ts';
import { type Part, loadQuestions } from './set.ts';

const { core, engine } = await coreFor(REAL_CORPUS, { siteUrl: 'https://tech.webi.kr' });
const questions = loadQuestions();
const argv = process.argv.slice(2);
const option = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const parts = (option('--part') ? [option('--part')] : ['dev', 'heldout']) as Part[];
// Every batch of the set in the order it was written, then all of them together.
const batches = option('--batch') ? [option('--batch')!] : [...new Set(questions.map((q) => q.batch ?? 'first')), 'all'];
for (const part of parts) {
  for (const batch of batches) {
    const chosen = questions.filter((q) => q.part === part && (batch === 'all' || (q.batch ?? 'first') === batch));
    const evaluation = await evaluateAnswers(chosen, askThroughCore(core, () => engine.library));
    console.log(`\n### ${part}, ${batch === 'all' ? 'all batches' : `batch ${batch}`}\n\n${formatEvaluation(evaluation)}`);
  }
}
