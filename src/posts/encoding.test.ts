import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRepairContext, decodePostBytes, isMojibake, repairMojibake, type RepairContext } from './encoding.ts';
import { parsePost } from './parse.ts';
import { REAL_POSTS, SEED_FILE, describeRealCorpus } from '../../test/helpers/corpus.ts';

const corpusPosts = `${REAL_POSTS}/`;
const seedFile = SEED_FILE;
const samplePosts = fileURLToPath(new URL('../../posts/', import.meta.url));

const readAll = (folder: string): string[] => readdirSync(folder).filter((f) => f.endsWith('.md')).map((f) => readFileSync(folder + f, 'utf8'));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** windows-1252 0x80..0x9F; -1 where the page defines nothing (those bytes get dropped). */
const CP1252_HIGH = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1,
  -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178,
];

/** What a careless tool does: read UTF-8 as windows-1252, drop undefined bytes and the soft hyphen, save as UTF-8. */
function mojibake1252(text: string): string {
  let out = '';
  for (const byte of utf8(text)) {
    if (byte < 0x80) out += String.fromCharCode(byte);
    else if (byte < 0xa0) {
      const code = CP1252_HIGH[byte - 0x80] as number;
      if (code >= 0) out += String.fromCodePoint(code);
    } else if (byte !== 0xad) out += String.fromCharCode(byte);
  }
  return out;
}

describe('decodePostBytes', () => {
  it('reads UTF-8 with or without a BOM and leaves clean text alone', () => {
    expect(decodePostBytes(utf8('\uFEFF---\r\ntitle: 한글\r\n'))).toEqual({ text: '---\r\ntitle: 한글\r\n' });
    expect(decodePostBytes(utf8('café, naïve, “quotes” — 엔비디아'))).toEqual({ text: 'café, naïve, “quotes” — 엔비디아' });
  });

  it('refuses a binary file, naming the NUL byte', () => {
    expect(decodePostBytes(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]))).toEqual({ problem: 'not a text file (NUL byte at offset 4)' });
  });

  it('refuses invalid UTF-8 that is not mojibake, naming the byte and line', () => {
    const latin1 = new Uint8Array([...utf8('---\ntitle: caf'), 0xe9, ...utf8('\n---\n')]);
    expect(decodePostBytes(latin1)).toEqual({ problem: 'not valid UTF-8 (bad byte 0xE9 at line 2)' });
  });

  it('refuses UTF-16, which Jekyll cannot read either', () => {
    expect(decodePostBytes(new Uint8Array([0xff, 0xfe, 0x2d, 0x00]))?.problem).toMatch(/UTF-16/);
  });
});

describeRealCorpus('mojibake repair', () => {
  let corpusContext: RepairContext;
  let corpusTexts: string[];
  beforeAll(() => {
    corpusTexts = readAll(corpusPosts);
    corpusContext = buildRepairContext(corpusTexts);
  });

  it('never mistakes the 101 clean real posts for mojibake', () => {
    expect(corpusTexts).toHaveLength(101);
    expect(corpusTexts.filter((text) => isMojibake(text))).toEqual([]);
  });

  it('repairs the seed (windows-1254, bytes dropped) into proper Korean: title and 3-line summary exact', () => {
    const decoded = decodePostBytes(readFileSync(seedFile), corpusContext);
    expect(decoded.problem).toBeUndefined();
    expect(decoded.repair).toMatchObject({ method: 'windows-1254 mojibake', restored: 0, unresolved: 0 });
    expect(decoded.repair?.guessed).toBe(316);
    expect(decoded.repair?.confidence).toBeGreaterThan(0.95);

    const { post } = parsePost('2025-12-31-seed.md', decoded.text ?? '', {
      url: 'https://tech.webi.kr',
      baseurl: '',
      timezone: 'Asia/Seoul',
      permalink: '/posts/:title/',
    });
    expect(post?.title).toBe('AI 버블 붕괴 후 엔비디아가 세계 최대 소프트웨어 기업이 되는 이유');
    expect(post?.summary).toEqual([
      '현재 엔비디아의 매출은 하드웨어 판매가 대부분을 차지하지만, AI 버블 붕괴 시 소프트웨어 중심 기업으로 전환될 것으로 예상됩니다',
      'GPU 활용의 다각화를 통해 AI 외 다양한 분야에서 수익원을 확보하는 전략이 핵심입니다',
      '엔비디아는 하드웨어 우위를 소프트웨어 생태계로 전환하여 장기적 생존 전략을 준비하고 있습니다',
    ]);
    expect(post?.sourceUrl).toBe('https://www.theregister.com/2025/12/30/how_nvidia_survives_ai_bubble_pop/');
    // The hard cases: syllables whose frequent look-alikes (북, 데, 상) the context must overrule.
    expect(decoded.text).toContain('현재 AI 붐의 최대 수혜자로');
    expect(decoded.text).toContain('AI 학습 및 추론 이외의 다양한 용도로');
    expect(decoded.text).toContain('그 주변 생태계입니다');
    expect(decoded.text).toContain('## 👨‍💻 개발자에게 미치는 영향');
    expect(decoded.text).not.toContain('\uFFFD');
  });

  it('repairs windows-1252 mojibake of a sample post exactly, restoring a lone soft hyphen without guessing', () => {
    const files = readdirSync(samplePosts).filter((f) => f.endsWith('.md'));
    const target = files.find((f) => f.includes('nvidia-rubin')) as string;
    const original = `${readFileSync(samplePosts + target, 'utf8')}\nco\u00ADoperate — “인용” 👨‍💻\n`;
    const others = files.filter((f) => f !== target).map((f) => readFileSync(samplePosts + f, 'utf8'));
    const repaired = repairMojibake(mojibake1252(original), buildRepairContext([...others, ...corpusTexts]));
    expect(repaired?.repair).toMatchObject({ method: 'windows-1252 mojibake', restored: 1, unresolved: 0 });
    expect(repaired?.text).toBe(original);
  });

  it('still repairs with only the built-in word list, but less surely', () => {
    const decoded = decodePostBytes(readFileSync(seedFile));
    expect(decoded.repair?.method).toBe('windows-1254 mojibake');
    expect(decoded.repair?.confidence).toBeLessThan(0.95);
    expect(decoded.text).toContain('AI 버블 붕괴 후 엔비디아가');
  });

  it('gives up on a character with no candidate (a stray continuation byte) as U+FFFD and counts it', () => {
    // Korean as mojibake (no byte lost), then a lone continuation byte (‰ = 0x89) after an ASCII char.
    const text = `${mojibake1252('가나다 가나다 가나다 ')}a‰`;
    const repaired = repairMojibake(text);
    expect(repaired?.text).toBe('가나다 가나다 가나다 a\uFFFD');
    expect(repaired?.repair.unresolved).toBe(1);
  });
});
