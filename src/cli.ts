import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { lintPosts, loadLibrary } from './posts/load.ts';
import { formatProblem } from './util/text.ts';
import { endQuietlyOnClosedPipe } from './util/closed-pipe.ts';
import { buildRepairContext, decodePostBytes } from './posts/encoding.ts';
import { SearchIndex } from './search/index.ts';
import { answerQuestion, extractiveText, type AnswerResult } from './answer/answer.ts';
import { answerMessages } from './i18n/answer.ts';
import { createLlmAnswerer, type LlmAnswerer } from './answer/llm.ts';
import { parseLlmConfig } from './llm/config.ts';
import type { Post } from './posts/types.ts';
import { readVocabulary } from './data/load.ts';
import { missingVocabulary } from './answer/vocabulary.ts';

const USAGE = `usage: briefbot <command> [options]

  search [--posts DIR] [--json] [--limit N] [QUERY]   best posts for QUERY (no QUERY: one query a line from stdin)
  ask [--posts DIR] [--json] [QUESTION]               answer QUESTION from the posts, as /ask does (no QUESTION: one a line from stdin)
  show [--posts DIR] [--json]                         every post (JSON: one line each)
  check [--posts DIR]                                 lint posts: file:line: problem; exit 1 on errors
  repair FILE [--posts DIR]                           print FILE with its encoding repaired
  vocabulary --missing [--posts DIR] [--limit N]      the posts' Korean words src/data/vocabulary.txt lacks, most posts first
  start                                               run the bot (same as npm start)

--posts defaults to POSTS_DIR, then ./posts. SITE_URL and SITE_TIMEZONE apply as for the bot;
ask uses the model set by LLM_BASE_URL and LLM_MODEL, if any.`;

function fail(message: string): never {
  process.stderr.write(`briefbot: ${message}\n`);
  process.exit(2);
}

async function loadFrom(postsDir: string) {
  return loadLibrary({
    postsDir,
    siteUrl: process.env.SITE_URL || undefined,
    timezone: process.env.SITE_TIMEZONE || undefined,
  });
}

async function* queriesFrom(positionals: string[]): AsyncGenerator<string> {
  if (positionals.length > 0) {
    yield positionals.join(' ');
    return;
  }
  for await (const line of createInterface({ input: process.stdin, terminal: false })) {
    if (line.trim()) yield line.trim();
  }
}

async function search(argv: string[], postsDir: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { posts: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } },
  });
  const limit = values.limit === undefined ? 5 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) fail('--limit must be a whole number from 1 to 100');
  const { library } = await loadFrom(values.posts ?? postsDir);
  const index = SearchIndex.build(library.all());
  const now = new Date();
  for await (const query of queriesFrom(positionals)) {
    const hits = index.search(query, { limit, filter: (post) => library.isPublished(post, now) });
    if (values.json) {
      const results = hits.map((h) => ({ id: h.post.id, title: h.post.title, url: h.post.url, score: Number(h.score.toFixed(4)) }));
      process.stdout.write(`${JSON.stringify({ query, results })}\n`);
    } else {
      process.stdout.write(`${query}\n`);
      if (hits.length === 0) process.stdout.write('  (no good match)\n');
      hits.forEach((h, i) => process.stdout.write(`  ${i + 1}. ${h.post.title}  [${h.score.toFixed(2)}]\n     ${h.post.url}\n`));
    }
  }
  return 0;
}

/** An answer as the CLI prints it: the text, whether it answers, and the posts it cites. */
async function cliAnswer(result: AnswerResult, llm: LlmAnswerer | undefined): Promise<{ answered: boolean; answer: string; sources: Post[] }> {
  const t = answerMessages[result.question.lang];
  if (result.kind === 'none') return { answered: false, answer: t.noAnswer, sources: [] };
  if (result.kind === 'closest') {
    const { missing, closest, sentence } = result;
    const lead = 'term' in missing ? t.noPostMentions(missing.term, closest.title) : t.noPostGives(missing.focus, closest.title);
    return { answered: false, answer: sentence ? `${lead} “${sentence}”` : lead, sources: [closest] };
  }
  const final = llm ? await llm.answer(result).final : { text: extractiveText(result), sources: result.sources };
  return { answered: true, answer: final.text, sources: final.sources };
}

async function ask(argv: string[], postsDir: string): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { posts: { type: 'string' }, json: { type: 'boolean' } } });
  const settings = parseLlmConfig(process.env);
  if (settings.problems.length > 0) fail(settings.problems.join('; '));
  const log = { debug() {}, info() {}, warn: (msg: string, data?: Record<string, unknown>) => process.stderr.write(`briefbot: ${msg} ${JSON.stringify(data ?? {})}\n`), error() {} };
  const llm = settings.config ? createLlmAnswerer({ config: settings.config, log }) : undefined;
  const { library } = await loadFrom(values.posts ?? postsDir);
  const index = SearchIndex.build(library.all());
  const now = new Date();
  for await (const question of queriesFrom(positionals)) {
    const result = answerQuestion(index, question, { filter: (post) => library.isPublished(post, now) });
    const { answered, answer, sources } = await cliAnswer(result, llm);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ question, answered, answer, sources: sources.map((p) => ({ id: p.id, url: p.url })) })}\n`);
    } else {
      process.stdout.write(`${question}\n  ${answer}\n`);
      sources.forEach((p, i) => process.stdout.write(`  ${answered ? `[${i + 1}]` : '→'} ${p.title}\n      ${p.url}\n`));
    }
  }
  return 0;
}

async function show(argv: string[], postsDir: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { posts: { type: 'string' }, json: { type: 'boolean' } } });
  const { library } = await loadFrom(values.posts ?? postsDir);
  const now = new Date();
  for (const post of library.all()) {
    const published = library.isPublished(post, now);
    if (values.json) {
      const line = {
        id: post.id,
        title: post.title,
        date: post.dateIso,
        url: post.url,
        tags: post.tags,
        categories: post.categories,
        summary: post.summary,
        source: post.sourceUrl ?? null,
        image: post.imageUrl ?? null,
        published,
        warnings: post.warnings.map(formatProblem),
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    } else {
      process.stdout.write(`${post.dateIso.slice(0, 10)} ${published ? ' ' : '*'} ${post.title}\n    ${post.url}\n`);
    }
  }
  return 0;
}

async function check(argv: string[], postsDir: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { posts: { type: 'string' } } });
  const problems = await lintPosts({ postsDir: values.posts ?? postsDir });
  for (const problem of problems) process.stdout.write(`${formatProblem(problem)} (${problem.severity})\n`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  process.stderr.write(`${problems.length} problems, ${errors} errors\n`);
  return errors > 0 ? 1 : 0;
}

async function repair(argv: string[], postsDir: string): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { posts: { type: 'string' } } });
  const file = positionals[0];
  if (!file) fail('repair needs a FILE');
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => fail(`cannot read ${file}: ${error.code ?? error.message}`));
  // The other posts, when there are any, are the best evidence for ambiguous syllables.
  const context = await loadFrom(values.posts ?? postsDir)
    .then(({ library }) => buildRepairContext(library.all().map((p) => `${p.title}\n${p.text}`)))
    .catch(() => buildRepairContext([]));
  const result = decodePostBytes(bytes, context);
  if (result.text === undefined) fail(`${file}: ${result.problem ?? 'not a text file'}`);
  process.stdout.write(result.text);
  if (result.repair) {
    const r = result.repair;
    process.stderr.write(
      `${file}: repaired (${r.method}): ${r.restored} restored, ${r.guessed} guessed from context, ${r.unresolved} unresolved; confidence ${Math.round(r.confidence * 100)}%\n`,
    );
  } else {
    process.stderr.write(`${file}: no repair needed\n`);
  }
  return 0;
}

/**
 * Lists the posts' Korean words the answer-only vocabulary has no line for, as
 * `word<TAB>posts<TAB>snippet`, the words most posts hold first: what to translate when new posts
 * bring new words (src/data/README.md).
 */
async function vocabulary(argv: string[], postsDir: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { posts: { type: 'string' }, missing: { type: 'boolean' }, limit: { type: 'string' } } });
  if (!values.missing) fail('vocabulary needs --missing (the only listing it has)');
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (values.limit !== undefined && (!Number.isInteger(limit) || limit < 1)) fail('--limit must be a whole number from 1');
  const { library } = await loadFrom(values.posts ?? postsDir);
  const missing = missingVocabulary(library.all(), readVocabulary());
  for (const entry of missing.slice(0, limit)) process.stdout.write(`${entry.word}\t${entry.posts}\t${entry.snippet}\n`);
  process.stderr.write(`${missing.length} Korean words of ${library.all().length} posts have no vocabulary line\n`);
  return 0;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const postsDir = process.env.POSTS_DIR || './posts';
  switch (command) {
    case 'search':
      return search(rest, postsDir);
    case 'ask':
      return ask(rest, postsDir);
    case 'show':
      return show(rest, postsDir);
    case 'check':
      return check(rest, postsDir);
    case 'repair':
      return repair(rest, postsDir);
    case 'vocabulary':
      return vocabulary(rest, postsDir);
    case 'start':
      await import('./main.ts').then((m) => m.runMain());
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      fail(`unknown command "${command}"\n\n${USAGE}`);
  }
}

const { config: loadDotenv } = await import('dotenv');
loadDotenv({ quiet: true });
endQuietlyOnClosedPipe(process.stdout, (code) => process.exit(code));
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => fail(error instanceof Error ? error.message : String(error)),
);
