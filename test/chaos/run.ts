/**
 * `npm run chaos`: runs every chaos scenario one after another and prints the table that
 * docs/reliability.md keeps (scenario, commands sent, lost, time to recover, what happened).
 * `--fast` runs only the scenarios npm test runs too.
 */
import { SCENARIOS } from './scenarios.ts';

const fastOnly = process.argv.includes('--fast');
const rows: string[] = ['| Scenario | Sent | Lost | Recovery (ms) | What happened |', '| --- | ---: | ---: | ---: | --- |'];
let failures = 0;
for (const scenario of SCENARIOS.filter((s) => !fastOnly || s.fast)) {
  process.stderr.write(`chaos: ${scenario.name} …\n`);
  try {
    const r = await scenario.run();
    if (r.lost > 0 || r.recoveryMs < 0) failures++;
    rows.push(`| ${scenario.name} | ${r.sent} | ${r.lost} | ${r.recoveryMs < 0 ? 'never' : r.recoveryMs} | ${r.note} |`);
  } catch (error) {
    failures++;
    rows.push(`| ${scenario.name} | – | – | – | scenario failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} |`);
  }
}
process.stdout.write(`${rows.join('\n')}\n`);
process.exit(failures > 0 ? 1 : 0);
