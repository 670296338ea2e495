/**
 * The neutral model of a blog post, as the blog's own Jekyll (Chirpy) build understands it.
 * Nothing here knows about chat platforms.
 */

/** One problem found while reading posts: always names the file, the line where known, and why. */
export interface Problem {
  /** Path of the file, relative to the posts folder (forward slashes). */
  file: string;
  /** 1-based line number in the file, where known. */
  line?: number;
  /** What is wrong, in plain words (English). */
  reason: string;
  /** `error`: the file was skipped. `warning`: the post is served anyway. */
  severity: 'error' | 'warning';
}

/** A heading of the post body and the plain text under it (used for question answering). */
export interface Section {
  heading: string;
  /** Plain text: markdown, HTML, Liquid and kramdown attribute lists removed. */
  text: string;
}

/** How an encoding repair went, when a file arrived as mojibake. */
export interface Repair {
  /** e.g. `windows-1254 mojibake` */
  method: string;
  /** 0..1: share of damaged characters that the repair could decide with confidence. */
  confidence: number;
  /** Characters restored unambiguously / by context guess / left as U+FFFD. */
  restored: number;
  guessed: number;
  unresolved: number;
}

/** A post as the bot serves it. All text fields are plain text, never markup. */
export interface Post {
  /** The slug: file name without `YYYY-MM-DD-` and extension, or front-matter `slug`. */
  id: string;
  /** Path relative to the posts folder, forward slashes. */
  file: string;
  title: string;
  /** The instant of publication. */
  date: Date;
  /** `date` as ISO 8601 with the site's offset, e.g. `2026-02-03T05:00:36+09:00`. */
  dateIso: string;
  /** Absolute URL of the post on the site. */
  url: string;
  /** Tags as written in the post (deduplicated by normalized form, first spelling wins). */
  tags: string[];
  categories: string[];
  description?: string;
  /** The three-line summary (bullets as plain text); falls back to description, then first paragraph. */
  summary: string[];
  /** URL of the original article the post summarizes. */
  sourceUrl?: string;
  /** Absolute image URL. */
  imageUrl?: string;
  imageAlt?: string;
  sections: Section[];
  /** The whole body as plain text. */
  text: string;
  /** Front-matter `published` (true unless `published: false`). Time is checked by `isPublished`. */
  published: boolean;
  /** Warnings about this post (it is served anyway). */
  warnings: Problem[];
  /** Present when the file was repaired from mojibake. */
  repair?: Repair;
  /** Hash of the file's bytes: reindex reports a post as changed when it differs. */
  contentHash: string;
}

/** Site facts taken from `_config.yml` and the environment. */
export interface SiteInfo {
  /** e.g. `https://tech.webi.kr` (no trailing slash) */
  url: string;
  /** e.g. `` or `/blog` (no trailing slash) */
  baseurl: string;
  /** IANA zone, e.g. `Asia/Seoul` */
  timezone: string;
  /** Site-wide permalink pattern for posts, e.g. `/posts/:title/` */
  permalink: string;
}

/** What a (re)load found. */
export interface LoadReport {
  /** Ids of posts new since the previous library (all posts on the first load). */
  added: string[];
  /** Ids of posts whose content changed. */
  changed: string[];
  /** Ids of posts gone since the previous library. */
  removed: string[];
  /** Files not served, with reasons. */
  skipped: Problem[];
  /** Warnings about served posts. */
  warnings: Problem[];
  /** Files repaired from mojibake. */
  repaired: { file: string; repair: Repair }[];
  /** Files read. */
  files: number;
  /** Wall time of the load in ms. */
  ms: number;
}
