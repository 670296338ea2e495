/**
 * The conventions of the blog briefbot serves, in one place: how its posts label the summary and
 * the link to the original article, and which lines are navigation rather than content. Another
 * blog with other habits changes this module, not the parsers that use it.
 *
 * Posts look like this (see /work/shared/corpus/README.md of the project):
 *
 * ```markdown
 * ## 3줄 요약
 * - ...
 * > [원문 기사 보기](https://example.com/article)
 * ```
 */

/** Headings that introduce the summary: 3줄 요약, 요약, 핵심 요약, TL;DR, Summary, Key points. */
export const SUMMARY_HEADING =
  /^(?:\d+\s*줄\s*요약|세\s*줄\s*요약|한\s*줄\s*요약|핵심\s*요약|요약|핵심\s*정리|tl\s*;?\s*dr|summary|key\s*(?:points|takeaways))(?![\p{L}\p{N}])/iu;

/** Link texts that mark the link to the original article: 원문 기사 보기, 출처, Source, Original article. */
export const SOURCE_LINK_LABEL = /원문|출처|source|original\s+(?:article|post|story)|원본\s*기사|read\s+more/i;

/** A bare `원문: URL` / `Source: URL` line (no link syntax); group 1 is the URL. Global: use with matchAll. */
export const BARE_SOURCE_LINE = /(?:원문|출처|source)\s*[:：]\s*<?(https?:\/\/[^\s<>)"']{1,2000})/gi;

/** Without a labelled link, the source is the last external link within this many last lines. */
export const SOURCE_LINK_TAIL_LINES = 8;

/** Lines that are navigation, not content (the source link's text): never part of an answer. */
export const NAVIGATION_LINE = /^(원문 기사 보기|원문 보기|read the original)/i;

/** How the warnings name the conventions to a writer fixing a post. */
export const EXAMPLES = {
  summaryHeading: '## 3줄 요약',
  sourceLink: '> [원문 기사 보기](URL)',
} as const;
