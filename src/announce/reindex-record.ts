/** The last reindex as the store keeps it (meta `last_reindex`), so /status shows it across restarts. */
import type { LoadReport } from '../posts/types.ts';
import type { Store } from '../state/store.ts';
import { formatProblem } from '../util/text.ts';
import type { ReindexSummary } from './port.ts';

const LAST_REINDEX = 'last_reindex';

/** A {@link ReindexSummary} as JSON keeps it: the date as an ISO string. */
type StoredReindex = Omit<ReindexSummary, 'at'> & { at: string };

function summarizeReport(report: LoadReport, at: Date): StoredReindex {
  return {
    at: at.toISOString(),
    files: report.files,
    added: report.added.length,
    changed: report.changed.length,
    removed: report.removed.length,
    skipped: report.skipped.length,
    repaired: report.repaired.length,
    problems: report.skipped.slice(0, 5).map(formatProblem),
  };
}

/** Records a reindex's report in counts. */
export function recordReindex(store: Store, report: LoadReport, at: Date): void {
  store.setMeta(LAST_REINDEX, JSON.stringify(summarizeReport(report, at)));
}

/** The last recorded reindex, if any. */
export function lastReindex(store: Store): ReindexSummary | undefined {
  const stored = store.getMeta(LAST_REINDEX);
  if (!stored) return undefined;
  const last = JSON.parse(stored) as StoredReindex;
  return { ...last, at: new Date(last.at) };
}
