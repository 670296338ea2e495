/**
 * How often readQuestion reads a DEVELOPMENT question's focus as its writer meant it (the set's
 * `focus` label): the agreement by language, a confusion table (labelled × read) and every dev
 * disagreement. A misread focus makes /ask look for the wrong shape of answer, so this measures
 * the reading on its own, without running /ask. It never prints held-out questions.
 *
 * `npx tsx test/answers/focus-report.ts [--batch NAME]`
 */
import { FOCUSES, type Focus, readQuestion } from '../../src/answer/question.ts';
import { type AnswerQuestion, loadQuestions } from './set.ts';

const argv = process.argv.slice(2);
const batch = argv.includes('--batch') ? argv[argv.indexOf('--batch') + 1] : undefined;
const dev = loadQuestions().filter((q) => q.part === 'dev' && (batch === undefined || (q.batch ?? 'first') === batch));
const readings = dev.map((question) => ({ question, read: readQuestion(question.question).focus }));

const agreement = (of: readonly { question: AnswerQuestion; read: Focus }[]): string => {
  const agreeing = of.filter(({ question, read }) => question.focus === read).length;
  return `${agreeing}/${of.length} (${of.length === 0 ? 0 : Math.round((100 * agreeing) / of.length)}%)`;
};

console.log(`dev focus agreement: ${agreement(readings)}`);
for (const lang of ['ko', 'en'] as const) console.log(`  ${lang}: ${agreement(readings.filter(({ question }) => question.lang === lang))}`);

// Rows: the label; columns: the reading. Only focuses that occur either way get a column.
const used = FOCUSES.filter((focus) => readings.some(({ question, read }) => question.focus === focus || read === focus));
const cell = (text: string | number): string => String(text).padStart(7);
console.log(`\nlabel \\ read ${used.map((focus) => cell(focus.slice(0, 7))).join('')}  agree`);
for (const label of used) {
  const row = readings.filter(({ question }) => question.focus === label);
  if (row.length === 0) continue;
  const counts = used.map((read) => row.filter((reading) => reading.read === read).length);
  console.log(`${label.padEnd(13)}${counts.map((count) => cell(count || '.')).join('')}  ${agreement(row)}`);
}

console.log('\ndisagreements (id lang label → read: question):');
for (const { question, read } of readings) {
  if (question.focus !== read) console.log(`${question.id} ${question.lang} ${question.focus} → ${read}: ${question.question}`);
}
