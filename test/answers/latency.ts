/**
 * p50/p99 latency of /ask through the real core on the real corpus, over every question of the
 * set: the "before" figure of issue 11 (docs/answers-baseline.md). Each question is asked once
 * to warm up, then `--rounds` times (default 5), each timed on its own, in wall-clock time and in
 * the process's CPU time (user + system), which a loaded machine disturbs less than wall time.
 *
 * `npx tsx test/answers/latency.ts [--rounds N]`
 */
import { summarizeNs } from '../../bench/stats.ts';
import { coreFor, run } from '../helpers/core.ts';
import { REAL_CORPUS } from '../helpers/corpus.ts';
import { loadQuestions } from './set.ts';

const argv = process.argv.slice(2);
const rounds = Number(argv[argv.indexOf('--rounds') + 1]) || 5;

const { core } = await coreFor(REAL_CORPUS, { siteUrl: 'https://tech.webi.kr' });
const questions = loadQuestions();
const ask = (question: (typeof questions)[number]) =>
  run(core, 'ask', { question: question.question }, { locale: question.lang });

for (const question of questions) await ask(question);
const samplesNs: number[] = [];
const cpuNs: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const question of questions) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    await ask(question);
    samplesNs.push(Number(process.hrtime.bigint() - started));
    const used = process.cpuUsage(cpu);
    cpuNs.push((used.user + used.system) * 1000);
  }
}
const { samples, p50Ms, p99Ms, maxMs } = summarizeNs(samplesNs);
console.log(`/ask over ${questions.length} questions × ${rounds} rounds (${samples} samples): p50 ${p50Ms.toFixed(3)} ms, p99 ${p99Ms.toFixed(3)} ms, max ${maxMs.toFixed(3)} ms`);
const cpu = summarizeNs(cpuNs);
const totalCpuMs = cpuNs.reduce((sum, ns) => sum + ns, 0) / 1e6;
console.log(`CPU time per /ask: p50 ${cpu.p50Ms.toFixed(3)} ms, p99 ${cpu.p99Ms.toFixed(3)} ms, max ${cpu.maxMs.toFixed(3)} ms, mean ${(totalCpuMs / samples).toFixed(3)} ms`);
