/**
 * Kept so that `import { loadAliasFile } from './search/alias-file.ts'` (src/main.ts) still
 * works: the file reading now lives in src/data/load.ts, the search module reads no files.
 */
export { loadAliasFile } from '../data/load.ts';
