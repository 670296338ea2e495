/**
 * One example reply per focus, from the DEVELOPMENT questions (those of `--batch`, default a11c, first), without a
 * model and with the fake model of test/fakes/llm (model `echo`: it repeats the first sentence of
 * source [1], cited [1]), for docs/answers-baseline.md.
 *
 * `npx tsx test/answers/examples.ts [--batch NAME]`
 */
import { createLlmAnswerer } from '../../src/answer/llm.ts';
import { createBotCore } from '../../src/bot/execute.ts';
import { createAsk } from '../../commands/ask.ts';
import { startFakeLlm } from '../fakes/llm/server.ts';
import { coreFor, recordingLogger, run } from '../helpers/core.ts';
import { REAL_CORPUS } from '../helpers/corpus.ts';
import { askThroughCore } from './ask-adapter.ts';
import { judge } from './metrics.ts';
import { FOCUSES, loadQuestions } from './set.ts';

const fake = await startFakeLlm();
const { core, engine } = await coreFor(REAL_CORPUS, { siteUrl: 'https://tech.webi.kr' });
const log = recordingLogger();
const llm = createLlmAnswerer({ config: { baseUrl: fake.baseUrl, model: 'echo', timeoutMs: 5000 }, log });
const withModel = createBotCore({ commands: [createAsk({ llm })], engine, defaultLocale: 'ko', log });
const ask = askThroughCore(core, () => engine.library);
const argv = process.argv.slice(2);
const first = argv.includes('--batch') ? argv[argv.indexOf('--batch') + 1] : 'a11c';
const dev = loadQuestions()
  .filter((q) => q.part === 'dev')
  .sort((a, b) => Number(b.batch === first) - Number(a.batch === first));

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
for (const focus of FOCUSES) {
  for (const kind of ['answerable', 'near-miss'] as const) {
    const candidates = dev.filter((q) => q.focus === focus && q.kind === kind);
    let chosen = candidates[0];
    for (const q of candidates) if (judge(q, await ask(q)) === (kind === 'answerable' ? 'right' : 'honest')) { chosen = q; break; }
    if (!chosen || (kind === 'near-miss' && focus !== 'number' && focus !== 'person')) continue;
    const plain = await run(core, 'ask', { question: chosen.question }, { locale: chosen.lang });
    const model = await run(withModel, 'ask', { question: chosen.question }, { locale: chosen.lang });
    const verdict = judge(chosen, await ask(chosen));
    console.log(`| ${focus}${kind === 'near-miss' ? ' (near-miss)' : ''} | ${chosen.id} ${verdict} | ${chosen.question} | ${oneLine(plain.text.join(' '))} | ${oneLine(model.text.join(' '))} |`);
  }
}
await fake.close();
