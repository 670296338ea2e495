/**
 * The one place that knows about data outside the checkout: the real blog and the mojibake seed
 * in `../shared` (or where BRIEFBOT_SHARED points). Tests that read them are declared with
 * {@link describeRealCorpus}; a clone without that folder still runs every other test, and says
 * once which tests it skipped.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

const SHARED = process.env.BRIEFBOT_SHARED
  ? resolve(process.env.BRIEFBOT_SHARED)
  : fileURLToPath(new URL('../../../shared', import.meta.url));

/** The real blog (101 posts and its `_config.yml`), read-only. */
export const REAL_CORPUS = resolve(SHARED, 'corpus/webi-tech-blog');
/** Its `_posts` folder. */
export const REAL_POSTS = resolve(REAL_CORPUS, '_posts');
/** A post of that blog as it arrived: UTF-8 read as windows-1254, bytes dropped. */
export const SEED_FILE = resolve(SHARED, 'seeds/000_daf62f4afc27a423.txt');

/** Whether the shared data is there. */
export const hasRealCorpus = existsSync(REAL_POSTS) && existsSync(SEED_FILE);

let warned = false;

/** `describe` for tests on the real corpus: skipped, with one warning, when it is absent. */
export function describeRealCorpus(name: string, body: () => void): void {
  if (!hasRealCorpus && !warned) {
    warned = true;
    console.warn(`real-corpus tests skipped: ${REAL_POSTS} not found (set BRIEFBOT_SHARED to the shared folder)`);
  }
  describe.runIf(hasRealCorpus)(`${name} [real corpus]`, body);
}
