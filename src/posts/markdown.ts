/**
 * Markdown (kramdown flavour, as Jekyll renders it) → plain text, sections, summary and source
 * link. Line-based and linear: every regex here is bounded so a huge post cannot stall the loader.
 * Pure: no fs. What this blog calls its summary and source link: ./conventions.ts.
 */
import { BARE_SOURCE_LINE, SOURCE_LINK_LABEL, SOURCE_LINK_TAIL_LINES, SUMMARY_HEADING } from './conventions.ts';
import type { Section } from './types.ts';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', middot: '·', bull: '•', copy: '©', reg: '®', trade: '™',
  times: '×', divide: '÷', rarr: '→', larr: '←', uarr: '↑', darr: '↓', harr: '↔', laquo: '«', raquo: '»',
  deg: '°', plusmn: '±', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', shy: '', zwj: '\u200d',
  thinsp: ' ', ensp: ' ', emsp: ' ', le: '≤', ge: '≥', ne: '≠', infin: '∞', check: '✓',
};

/** Decodes HTML character references (named ones in common use, and all numeric ones). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Removes Liquid tags and output (`{% ... %}`, `{{ ... }}`); keeps what `{% raw %}` protects. */
export function stripLiquid(text: string): string {
  if (!text.includes('{')) return text;
  const raw: string[] = [];
  const protectedText = text.replace(/\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}/g, (_whole, inner: string) => {
    raw.push(inner);
    return `\u0000${raw.length - 1}\u0000`;
  });
  const stripped = protectedText.replace(/\{%[\s\S]{0,2000}?%\}/g, '').replace(/\{\{[\s\S]{0,2000}?\}\}/g, '');
  return stripped.replace(/\u0000(\d+)\u0000/g, (_whole, index: string) => raw[Number(index)] ?? '');
}

/** Removes kramdown attribute lists: `{: .prompt-info }` on its own line or after an element. */
export function stripKramdownAttributes(text: string): string {
  if (!text.includes('{:')) return text;
  return text.replace(/^[ \t]*\{:[^}\n]{0,500}\}[ \t]*(\n|$)/gm, '').replace(/\{:[^}\n]{0,500}\}/g, '');
}

/** Removes HTML: comments, script/style with their content, tags; `<br>` and block ends become breaks. */
export function stripHtml(text: string): string {
  if (!text.includes('<')) return text;
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[^>]{0,1000}>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr|blockquote)\s*>/gi, '\n')
    .replace(/<\/?[a-zA-Z][^<>]{0,2000}>/g, '');
}

/** Markdown inline syntax → its text: images dropped, links → their text, emphasis and code marks removed. */
export function stripInlineMarkdown(text: string): string {
  return (
    text
      // images (also inside links: [![alt](img)](url))
      .replace(/!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)/g, '')
      .replace(/!\[[^\]\n]{0,500}\]\[[^\]\n]{0,200}\]/g, '')
      // links: inline, reference, autolinks; footnote references
      .replace(/\[\^[^\]\n]{1,100}\]/g, '')
      .replace(/\[([^\]\n]{0,1000})\]\((?:[^()\n]|\([^()\n]*\)){0,2000}\)/g, '$1')
      .replace(/\[([^\]\n]{1,1000})\]\[[^\]\n]{0,200}\]/g, '$1')
      .replace(/<((?:https?|mailto):[^>\s]{1,2000})>/g, '$1')
      // inline code keeps its content
      .replace(/`{1,3}([^`\n]{1,2000})`{1,3}/g, '$1')
      // emphasis: only where the marks open and close a word, so snake_case survives
      .replace(/(\*\*|__)(?=\S)([^\n]{0,2000}?\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)([^*\n]{0,2000}?\S)\*(?!\w)/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)([^_\n]{0,2000}?\S)_(?!\w)/g, '$1$2')
      .replace(/~~(?=\S)([^\n]{0,2000}?\S)~~/g, '$1')
      // backslash escapes
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
  );
}

/** Markdown/HTML/Liquid inline text (a title, a bullet) → plain text on one line. */
export function plainInline(text: string): string {
  return decodeEntities(stripInlineMarkdown(stripHtml(stripKramdownAttributes(stripLiquid(text)))))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A block of markdown → plain text lines (block syntax removed, code kept as text). */
function plainBlock(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const rawLine of markdown.split('\n')) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(rawLine);
    if (fence) {
      if (fenceMatch && fenceMatch[1]?.[0] === fence[0] && (fenceMatch[1]?.length ?? 0) >= fence.length) fence = undefined;
      else out.push(rawLine);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    let line = rawLine;
    // reference definitions, horizontal rules, table separators vanish
    if (/^\s{0,3}\[[^\]]{1,200}\]:\s/.test(line)) continue;
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) continue;
    if (/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line)) continue;
    line = line
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/\s+#+\s*$/, '')
      .replace(/^(\s*>)+\s?/, '')
      .replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?/, '');
    // Only a row framed by pipes is a table row: `a || b` in prose or code stays as written.
    if (/^\s*\|.*\|\s*$/.test(line)) line = line.replace(/^\s*\|\s*/, '').replace(/\s*\|\s*$/, '').replace(/\s*\|\s*/g, ' · ');
    // Prose spacing carries no meaning (code keeps its indentation above).
    out.push(stripInlineMarkdown(line).replace(/[ \t]{2,}/g, ' ').trimEnd());
  }
  return decodeEntities(out.join('\n'))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Removes what is not prose before block parsing: Liquid (Jekyll runs it everywhere, code
 * included), kramdown attribute lists and HTML. Code (fenced blocks and inline spans) keeps its
 * `<` and `>`: kramdown shows `Vec<String>` literally there.
 */
function stripNonMarkdown(markdown: string): string {
  const text = stripLiquid(markdown);
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | undefined;
  const flushProse = (): void => {
    if (prose.length > 0) out.push(stripProseMarkup(prose.join('\n')));
    prose = [];
  };
  for (const line of text.split('\n')) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      out.push(line);
      if (fenceMatch && fenceMatch[1]?.[0] === fence[0] && (fenceMatch[1]?.length ?? 0) >= fence.length) fence = undefined;
    } else if (fenceMatch) {
      flushProse();
      fence = fenceMatch[1];
      out.push(line);
    } else prose.push(line);
  }
  flushProse();
  return out.join('\n');
}

function stripProseMarkup(prose: string): string {
  const spans: string[] = [];
  const guarded = prose.replace(/`[^`\n]{1,2000}`/g, (span) => {
    spans.push(span);
    return `\u0001${spans.length - 1}\u0001`;
  });
  return stripHtml(stripKramdownAttributes(guarded)).replace(/\u0001(\d+)\u0001/g, (_whole, index: string) => spans[Number(index)] ?? '');
}

/** The whole body as plain text. */
export function plainText(markdown: string): string {
  return plainBlock(stripNonMarkdown(markdown));
}

interface RawSection {
  heading: string;
  level: number;
  body: string;
}

/** Splits at ATX headings outside code fences. Text before the first heading has heading `''`. */
function splitSections(markdown: string): RawSection[] {
  const sections: RawSection[] = [];
  let current: RawSection = { heading: '', level: 0, body: '' };
  const lines: string[] = [];
  let fence: string | undefined;
  const flush = (): void => {
    current.body = lines.join('\n');
    lines.length = 0;
    sections.push(current);
  };
  for (const line of markdown.split('\n')) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1];
      else if (fenceMatch[1]?.[0] === fence[0]) fence = undefined;
    }
    const heading = fence ? undefined : /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
      flush();
      current = { heading: heading[2] ?? '', level: heading[1]?.length ?? 1, body: '' };
    } else lines.push(line);
  }
  flush();
  return sections;
}

/** Sections (heading + plain text) for question answering; empty ones dropped. */
export function extractSections(markdown: string): Section[] {
  return splitSections(stripNonMarkdown(markdown))
    .map((section) => ({ heading: plainInline(section.heading), text: plainBlock(section.body) }))
    .filter((section) => section.heading !== '' || section.text !== '');
}

function normalizedHeading(heading: string): string {
  // Drop emoji and punctuation in front: `📝 3줄 요약`, `**Summary**`.
  return plainInline(heading).replace(/^[^\p{L}\p{N}]+/u, '').trim();
}

/** The bullets under the summary heading, as plain text; empty when there is no such heading. */
export function extractSummaryBullets(markdown: string): string[] {
  const section = splitSections(markdown).find((s) => s.level > 0 && SUMMARY_HEADING.test(normalizedHeading(s.heading)));
  if (!section) return [];
  const bullets: string[] = [];
  for (const line of section.body.split('\n')) {
    const bullet = /^\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s+(.*)$/.exec(line);
    if (bullet) bullets.push(bullet[1] ?? '');
    else if (bullets.length > 0 && /^\s{2,}\S/.test(line)) bullets[bullets.length - 1] += ` ${line.trim()}`;
  }
  if (bullets.length > 0) return bullets.map(plainInline).filter((b) => b !== '');
  // A summary written as a paragraph: take it whole.
  const paragraph = plainBlock(stripNonMarkdown(section.body)).split(/\n{2,}/)[0]?.replace(/\s+/g, ' ').trim();
  return paragraph ? [paragraph] : [];
}

/** The first paragraph of prose (not a heading, list, quote, image or code). */
export function firstParagraph(markdown: string): string | undefined {
  const blocks = stripNonMarkdown(markdown).split(/\n\s*\n/);
  let inFence = false;
  for (const block of blocks) {
    const trimmed = block.trim();
    const fences = (trimmed.match(/^\s{0,3}(`{3,}|~{3,})/gm) ?? []).length;
    if (inFence || fences > 0) {
      if (fences % 2 === 1) inFence = !inFence;
      continue;
    }
    if (trimmed === '' || /^(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|!\[|\||<)/.test(trimmed)) continue;
    const text = plainBlock(trimmed).replace(/\s+/g, ' ').trim();
    if (text !== '') return text;
  }
  return undefined;
}

function isAbsoluteHttp(url: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(url);
}

/**
 * The original article's URL: a link labelled 원문 / 출처 / Source / Original article (markdown or
 * HTML; the last such link wins, as it sits at the end of a post), else a `원문: URL` line, else
 * the last external link in the final lines.
 */
export function extractSourceUrl(markdown: string, siteUrl: string): string | undefined {
  const links: { url: string; offset: number; labelled: boolean }[] = [];
  const markdownLink = /\[((?:[^\[\]\n]|\[[^\]\n]*\]){0,500})\]\(\s*<?([^)\s>]{1,2000})>?(?:\s+"[^"\n]{0,500}")?\s*\)/g;
  for (const match of markdown.matchAll(markdownLink)) {
    const url = match[2] ?? '';
    if (isAbsoluteHttp(url)) links.push({ url, offset: match.index ?? 0, labelled: SOURCE_LINK_LABEL.test(plainInline(match[1] ?? '')) });
  }
  const htmlLink = /<a\s[^>]{0,2000}?href\s*=\s*(["'])([^"'\s]{1,2000})\1[^>]{0,2000}>([\s\S]{0,1000}?)<\/a\s*>/gi;
  for (const match of markdown.matchAll(htmlLink)) {
    const url = decodeEntities(match[2] ?? '');
    if (isAbsoluteHttp(url)) links.push({ url, offset: match.index ?? 0, labelled: SOURCE_LINK_LABEL.test(plainInline(match[3] ?? '')) });
  }
  for (const match of markdown.matchAll(BARE_SOURCE_LINE)) links.push({ url: match[1] ?? '', offset: match.index ?? 0, labelled: true });
  links.sort((a, b) => a.offset - b.offset);

  // The last labelled link in document order, whatever its syntax.
  const labelled = links.filter((link) => link.labelled);
  if (labelled.length > 0) return labelled[labelled.length - 1]?.url;

  // Fallback: the last external link in the last lines of the post.
  const tailStart = Math.max(0, nthLastLineOffset(markdown, SOURCE_LINK_TAIL_LINES));
  const site = siteUrl.replace(/\/+$/, '').toLowerCase();
  const external = links.filter((link) => link.offset >= tailStart && !(site && link.url.toLowerCase().startsWith(site)));
  return external[external.length - 1]?.url;
}

function nthLastLineOffset(text: string, n: number): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
  let offset = end;
  for (let count = 0; count < n && offset > 0; count++) {
    offset = text.lastIndexOf('\n', offset - 1);
    if (offset < 0) return 0;
  }
  return offset;
}
