import { defineCommand } from '../src/bot/command.ts';
import type { Messages } from '../src/i18n/core.ts';
import type { ReplyField } from '../src/bot/reply.ts';
import type { LoadReport } from '../src/posts/types.ts';
import { formatProblem } from '../src/util/text.ts';

/** Lines listed per report category before "and N more". */
const LISTED = 10;

function listed(lines: string[], t: Messages): string {
  if (lines.length === 0) return t.none;
  const shown = lines.slice(0, LISTED);
  if (lines.length > LISTED) shown.push(t.andMore(lines.length - LISTED));
  return shown.join('\n');
}

/** The load report as reply fields: what changed and what was skipped, and why. */
export function reportFields(report: LoadReport, t: Messages): ReplyField[] {
  return [
    { name: `${t.added} (${report.added.length})`, value: listed(report.added, t) },
    { name: `${t.changed} (${report.changed.length})`, value: listed(report.changed, t) },
    { name: `${t.removed} (${report.removed.length})`, value: listed(report.removed, t) },
    { name: `${t.skipped} (${report.skipped.length})`, value: listed(report.skipped.map(formatProblem), t) },
    {
      name: `${t.repaired} (${report.repaired.length})`,
      value: listed(report.repaired.map((r) => `${r.file} (${Math.round(r.repair.confidence * 100)}%)`), t),
    },
    { name: `${t.warnings} (${report.warnings.length})`, value: listed(report.warnings.map(formatProblem), t) },
  ];
}

export const reindex = defineCommand({
  name: 'reindex',
  permission: 'moderator',
  description: { ko: '글을 다시 읽고 바뀐 점을 보고합니다', en: 'Reload the posts and report what changed' },
  options: [
    { name: 'full', type: 'boolean', description: { ko: '바뀌지 않은 글도 모두 다시 읽기', en: 'Read and parse every post again, not only changed ones' } },
  ] as const,
  async run(ctx, { full }) {
    const report = await ctx.engine.reindex({ full: full === true });
    return {
      title: ctx.t.reindexTitle,
      text: [ctx.t.reindexSummary(ctx.engine.library.size, report.files, Math.round(report.ms))],
      fields: reportFields(report, ctx.t),
    };
  },
});
