/**
 * Prints every DEVELOPMENT question /ask fails, with the reply it got, for tuning /ask. It never
 * prints held-out questions: those are only measured, by answers.test.ts.
 *
 * `npx tsx test/answers/dev-failures.ts [--all] [--batch NAME]`
 */
import { coreFor } from '../helpers/core.ts';
import { REAL_CORPUS } from '../helpers/corpus.ts';
import { askThroughCore } from './ask-adapter.ts';
import { evaluateAnswers } from './metrics.ts';
import { loadQuestions } from './set.ts';

const argv = process.argv.slice(2);
const all = argv.includes('--all');
const batch = argv.includes('--batch') ? argv[argv.indexOf('--batch') + 1] : undefined;
const { core, engine } = await coreFor(REAL_CORPUS, { siteUrl: 'https://tech.webi.kr' });
const dev = loadQuestions().filter((q) => q.part === 'dev' && (batch === undefined || (q.batch ?? 'first') === batch));
const evaluation = await evaluateAnswers(dev, askThroughCore(core, () => engine.library));
for (const { question, answer, verdict, passed } of evaluation.outcomes) {
  if (passed && !all) continue;
  console.log(`\n## ${question.id} ${question.kind} ${question.focus} ${question.lang} → ${verdict}`);
  console.log(`Q: ${question.question}`);
  console.log(`expect: ${question.expect[0]}  ${question.fact ? `fact: ${question.fact.join(' | ')}` : `missing: ${question.missing}`}`);
  console.log(`sources: ${answer.sources.map((s) => s.id).join(', ')}`);
  console.log(answer.text.slice(0, 900));
}
const o = evaluation.overall;
console.log(`\ndev: answerable ${o.answerable.passed}/${o.answerable.count}, near-miss ${o.nearMiss.passed}/${o.nearMiss.count}`);
