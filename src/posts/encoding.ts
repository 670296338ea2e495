/**
 * Turning a post file's bytes into text, and repairing mojibake: UTF-8 that was decoded with a
 * Windows single-byte code page (windows-1252 or windows-1254) and encoded to UTF-8 again, where
 * the bytes the code page leaves undefined (and the soft hyphen) were dropped on the way.
 *
 * Repair maps each character back to its byte through the code page and decodes UTF-8 again.
 * A character that lost a byte has a handful of candidates (the code points that differ only in
 * the missing byte); a character n-gram model of clean Korean text decides between them. Pure:
 * no fs.
 */
import type { Repair } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Code pages

/** A Windows single-byte code page, as far as mojibake repair needs it. */
interface CodePage {
  name: 'windows-1252' | 'windows-1254';
  /** character → byte, for 0x80..0xFF */
  toByte: Map<string, number>;
  /** bytes the page leaves undefined (they vanish when text is decoded with it) */
  undefinedBytes: number[];
}

/** 0x80..0x9F of windows-1252; `undefined` where the page defines nothing. */
const CP1252_HIGH_CONTROLS: (number | undefined)[] = [
  0x20ac, undefined, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, undefined, 0x017d, undefined,
  undefined, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, undefined, 0x017e, 0x0178,
];

/** Where windows-1254 (Turkish) differs from windows-1252. */
const CP1254_CHANGES: Record<number, number | undefined> = {
  0x8e: undefined,
  0x9e: undefined,
  0xd0: 0x011e,
  0xdd: 0x0130,
  0xde: 0x015e,
  0xf0: 0x011f,
  0xfd: 0x0131,
  0xfe: 0x015f,
};

const SOFT_HYPHEN_BYTE = 0xad;

function makeCodePage(name: CodePage['name'], changes: Record<number, number | undefined>): CodePage {
  const toByte = new Map<string, number>();
  const undefinedBytes: number[] = [];
  for (let byte = 0x80; byte <= 0xff; byte++) {
    const codePoint = byte in changes ? changes[byte] : byte < 0xa0 ? CP1252_HIGH_CONTROLS[byte - 0x80] : byte;
    if (codePoint === undefined) undefinedBytes.push(byte);
    else toByte.set(String.fromCodePoint(codePoint), byte);
    // Some converters keep an undefined byte as the C1 control of the same number instead of
    // dropping it; map those back too.
    if (byte < 0xa0 && !toByte.has(String.fromCodePoint(byte))) toByte.set(String.fromCodePoint(byte), byte);
  }
  return { name, toByte, undefinedBytes };
}

const CODE_PAGES: CodePage[] = [makeCodePage('windows-1252', {}), makeCodePage('windows-1254', CP1254_CHANGES)];

// ---------------------------------------------------------------------------------------------
// Language model

/**
 * Character n-gram counts of clean text, used to choose between candidate characters. Build it
 * with {@link buildRepairContext} from the clean posts being loaded.
 */
export interface RepairContext {
  /** n-gram (1..3 characters, joined) → count */
  readonly counts: ReadonlyMap<string, number>;
  /** history (1..2 characters) → number of distinct characters seen after it */
  readonly followerTypes: ReadonlyMap<string, number>;
  /** number of characters counted */
  readonly total: number;
  /** Hangul word (a run of syllables between spaces or punctuation) → count */
  readonly words: ReadonlyMap<string, number>;
  /** first 1..8 syllables of a Hangul word → how many words start with them */
  readonly wordPrefixes: ReadonlyMap<string, number>;
}

/** Most frequent Hangul syllables of written Korean, most frequent first (a small built-in prior). */
const COMMON_SYLLABLES =
  '이다는의에하고을가지를리기사한로서대자도정어수인아일시나보적해으요부게주전제있들것면성소구장상원마만거우내과라문여동경' +
  '계화생유실국업스관위세공비무그없년발개신용중했데방모분재된할등치되트말현와식회물러오터안조습니합때통점결연음단까진운' +
  '저심체영미선명야각금법후드간행산교작또더같히날반력직차요질형불당출활든호민약타표투른집반복능받물론디터이션크프로램템' +
  '새롭최근롭편확인변환모델개발자데이터서비스시스템보안성능제품시장출시지원기능주요내용요약원문기사영향미치는';

/** Common words and endings of Korean tech news; n-grams across them help more than syllables alone. */
const COMMON_WORDS =
  '있습니다 합니다 입니다 됩니다 했습니다 되었습니다 있었습니다 것입니다 수 있습니다 할 수 있습니다 있는 하는 되는 된 한 ' +
  '이는 이를 이러한 이번 이후 이상 이전 이용 이유 이미 이제 이와 같은 것을 것이 것은 것으로 것이다 수 있는 수 있다 ' +
  '위해 위한 통해 대한 대해 따라 따르면 그리고 하지만 그러나 또한 특히 이에 있으며 있고 하며 하고 했다 있다 된다 한다 ' +
  '에서 에는 에게 으로 으로서 으로써 에서는 부터 까지 보다 처럼 만큼 의 을 를 이 가 은 는 와 과 도 로 에 ' +
  '개발자 개발 기업 기술 데이터 인공지능 서비스 시스템 사용자 사용 보안 성능 모델 제품 시장 발표 출시 지원 기능 ' +
  '새로운 주요 내용 요약 원문 기사 보기 영향 미치는 미칠 것으로 예상됩니다 전망입니다 설명했습니다 밝혔습니다 ' +
  '소프트웨어 하드웨어 플랫폼 클라우드 인프라 오픈소스 프로그래밍 언어 코드 컴퓨터 컴퓨팅 네트워크 애플리케이션 ' +
  '업데이트 버전 최신 최근 현재 다양한 중요한 필요한 가능한 새로운 기존의 전체 일부 대부분 경우 방법 문제 결과 ' +
  '정보 연구 분석 처리 관리 운영 제공 구축 활용 적용 도입 확인 변화 전환 증가 감소 향상 개선 확보 경쟁 전략 ' +
  '회사 정부 규제 법률 투자 매출 수익 비용 가격 세계 국내 미국 중국 한국 유럽 글로벌 산업 생태계 핵심 장점 단점 ' +
  'AI 붐 닷컴 붐 버블 거품 호황 불황 침체 성장 급증 급락 폭발적 수요 공급 반도체 칩 그래픽 렌더링 추론 학습 훈련 ' +
  '및 등 또는 및 그 외 의 이외의 다음과 같습니다 예를 들어 즉 결국 반면 게다가 한편 따라서 그래서 ' +
  '취약점 패치 공격 해킹 유출 암호화 인증 권한 개인정보 배포 컨테이너 쿠버네티스 데이터센터 전력 냉각 ' +
  '엔비디아 구글 애플 마이크로소프트 아마존 메타 오픈AI 삼성 인텔 리눅스 윈도우 브라우저 스마트폰 노트북 ' +
  // Punctuation whose UTF-8 loses a byte just as often: closing quotes, joiners inside emoji.
  '“인용”이라고 “새로운” 기능” ‘작은’ 따옴표’ 👨‍💻 개발자 👩‍💻 개발자 👨‍💻 영향 — … · →';

const MAX_CONTEXT_CHARS_PER_TEXT = 200_000;

const HANGUL_WORD = /[\uAC00-\uD7A3]+/g;
const MAX_WORD_PREFIX = 8;

class CountingModel {
  readonly counts = new Map<string, number>();
  readonly followerTypes = new Map<string, number>();
  readonly words = new Map<string, number>();
  readonly wordPrefixes = new Map<string, number>();
  total = 0;

  addText(text: string, weight = 1): void {
    const sample = text.length > MAX_CONTEXT_CHARS_PER_TEXT ? text.slice(0, MAX_CONTEXT_CHARS_PER_TEXT) : text;
    const chars = Array.from(sample);
    for (let i = 0; i < chars.length; i++) this.addAt(chars, i, weight);
    for (const word of sample.match(HANGUL_WORD) ?? []) this.addWord(word, weight);
  }

  addWord(word: string, weight = 1): void {
    this.words.set(word, (this.words.get(word) ?? 0) + weight);
    for (let length = 1; length <= Math.min(word.length, MAX_WORD_PREFIX); length++) {
      const prefix = word.slice(0, length);
      this.wordPrefixes.set(prefix, (this.wordPrefixes.get(prefix) ?? 0) + weight);
    }
  }

  /** Counts the n-grams ending at position i. */
  addAt(chars: readonly string[], i: number, weight = 1): void {
    const c = chars[i] as string;
    const b = i > 0 ? chars[i - 1] : undefined;
    const a = i > 1 ? chars[i - 2] : undefined;
    this.bump(c, weight);
    this.total += weight;
    if (b !== undefined) this.bumpNgram(b, c, weight);
    if (a !== undefined && b !== undefined) this.bumpNgram(a + b, c, weight);
  }

  private bumpNgram(history: string, c: string, weight: number): void {
    const key = history + c;
    if (!this.counts.has(key)) this.followerTypes.set(history, (this.followerTypes.get(history) ?? 0) + 1);
    this.bump(key, weight);
  }

  private bump(key: string, weight: number): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + weight);
  }
}

/**
 * A repair context from clean texts (the other posts being loaded), plus a small built-in list of
 * common Korean syllables and words. Pass it to {@link decodePostBytes}.
 */
export function buildRepairContext(texts: string[]): RepairContext {
  const model = new CountingModel();
  for (const text of texts) model.addText(text);
  model.addText(COMMON_WORDS, 2);
  return model;
}

let builtInContext: RepairContext | undefined;
function defaultContext(): RepairContext {
  builtInContext ??= buildRepairContext([]);
  return builtInContext;
}

let commonHangul: Set<string> | undefined;
/** The 2,350 Hangul syllables of KS X 1001 (EUC-KR): virtually all syllables real text uses. */
function ksx1001Syllables(): Set<string> {
  if (!commonHangul) {
    commonHangul = new Set();
    try {
      const decoder = new TextDecoder('euc-kr');
      for (let lead = 0xb0; lead <= 0xc8; lead++) {
        for (let trail = 0xa1; trail <= 0xfe; trail++) commonHangul.add(decoder.decode(new Uint8Array([lead, trail])));
      }
    } catch {
      // A Node without full ICU: the prior falls back to the built-in syllable list only.
    }
  }
  return commonHangul;
}

const syllableRank = new Map<string, number>();
for (const syllable of COMMON_SYLLABLES) if (!syllableRank.has(syllable)) syllableRank.set(syllable, syllableRank.size + 1);

/** Prior probability of a character in Korean tech text, before any context. */
function priorProbability(c: string): number {
  const rank = syllableRank.get(c);
  if (rank !== undefined) return 0.3 / (rank + 10);
  if (ksx1001Syllables().has(c)) return 0.2 / 2350;
  const code = c.codePointAt(0) ?? 0;
  if (code >= 0xac00 && code <= 0xd7a3) return 1e-7;
  return 1e-6;
}

/** Witten-Bell smoothed log P(c | history), history the 0..2 characters before c. */
function logProbability(model: Overlay, history: string[], c: string): number {
  return Math.log(probability(model, history, c));
}

function probability(model: Overlay, history: string[], c: string): number {
  if (history.length === 0) {
    const prior = priorProbability(c);
    const priorWeight = 50;
    return (model.count(c) + priorWeight * prior) / (model.total() + priorWeight);
  }
  const lower = probability(model, history.slice(1), c);
  const key = history.join('');
  const historyCount = model.historyCount(key);
  if (historyCount === 0) return lower;
  // At least one type: a history seen only where its follower was damaged still backs off.
  const types = Math.max(1, model.followerTypes(key));
  return (model.count(key + c) + types * lower) / (historyCount + types);
}

/** The shared context plus the clean n-grams of the file being repaired. */
class Overlay {
  constructor(
    private readonly shared: RepairContext,
    private readonly local: CountingModel,
  ) {}
  count(key: string): number {
    return (this.shared.counts.get(key) ?? 0) + (this.local.counts.get(key) ?? 0);
  }
  followerTypes(history: string): number {
    return Math.max(this.shared.followerTypes.get(history) ?? 0, this.local.followerTypes.get(history) ?? 0);
  }
  /** How often `history` occurred (stands in for "was followed by anything"). */
  historyCount(history: string): number {
    return this.count(history);
  }
  total(): number {
    return this.shared.total + this.local.total;
  }
  word(word: string): number {
    return (this.shared.words.get(word) ?? 0) + (this.local.words.get(word) ?? 0);
  }
  wordPrefix(prefix: string): number {
    return (this.shared.wordPrefixes.get(prefix) ?? 0) + (this.local.wordPrefixes.get(prefix) ?? 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Byte analysis

/** One character of the re-decoded text: known, or damaged with its candidate characters. */
type Slot = { char: string } | { candidates: string[]; lead: number };

interface Analysis {
  page: CodePage;
  slots: Slot[];
  unmappable: number;
  validMultibyte: number;
  damaged: number;
  invalid: number;
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const isContinuation = (byte: number): boolean => byte >= 0x80 && byte <= 0xbf;

/** The code point of a complete UTF-8 sequence, or undefined if it is not valid (overlong, surrogate, ...). */
function decodeSequence(bytes: number[]): number | undefined {
  const [lead, ...rest] = bytes as [number, ...number[]];
  const length = sequenceLength(lead);
  if (length !== bytes.length || !rest.every(isContinuation)) return undefined;
  let code = length === 2 ? lead & 0x1f : length === 3 ? lead & 0x0f : lead & 0x07;
  for (const byte of rest) code = (code << 6) | (byte & 0x3f);
  const minimum = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
  if (code < minimum || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return code;
}

/** Characters that are never the right answer: controls, unassigned, private use. */
const IMPLAUSIBLE = /^[\p{Cc}\p{Cn}\p{Co}\p{Cs}]$/u;

/** Every character that `have` (lead + surviving continuation bytes) could have been. */
function candidatesFor(have: number[], length: number, lost: readonly number[]): string[] {
  const missing = length - have.length;
  const results = new Set<string>();
  const tails = have.slice(1);
  // Choose where the missing bytes were (any positions among the continuation slots) and which
  // of the lost bytes they were.
  const slots = length - 1;
  const fill = (positions: number[], start: number): void => {
    if (positions.length === missing) {
      const choices: number[][] = [[]];
      for (let k = 0; k < missing; k++) {
        const next: number[][] = [];
        for (const prefix of choices) for (const byte of lost) next.push([...prefix, byte]);
        choices.splice(0, choices.length, ...next);
      }
      for (const choice of choices) {
        const sequence = [have[0] as number];
        let tailIndex = 0;
        let choiceIndex = 0;
        for (let slot = 0; slot < slots; slot++) {
          sequence.push(positions.includes(slot) ? (choice[choiceIndex++] as number) : (tails[tailIndex++] as number));
        }
        const code = decodeSequence(sequence);
        if (code === undefined) continue;
        const char = String.fromCodePoint(code);
        if (!IMPLAUSIBLE.test(char)) results.add(char);
      }
      return;
    }
    for (let slot = start; slot < slots; slot++) fill([...positions, slot], slot + 1);
  };
  if (missing > 0 && missing <= 2) fill([], 0);
  return [...results];
}

/** Re-creates the byte stream; characters the page cannot produce stay as they are (and are counted). */
function bytesOf(text: string, page: CodePage): { units: (number | string)[]; unmappable: number } {
  const units: (number | string)[] = [];
  let unmappable = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) units.push(code);
    else {
      const byte = page.toByte.get(char);
      if (byte === undefined) {
        unmappable++;
        units.push(char);
      } else units.push(byte);
    }
  }
  return { units, unmappable };
}

function analyze(text: string, page: CodePage, lost: readonly number[]): Analysis {
  const { units, unmappable } = bytesOf(text, page);
  const slots: Slot[] = [];
  let validMultibyte = 0;
  let damaged = 0;
  let invalid = 0;
  let i = 0;
  while (i < units.length) {
    const unit = units[i] as number | string;
    if (typeof unit === 'string') {
      slots.push({ char: unit });
      i++;
      continue;
    }
    const length = sequenceLength(unit);
    if (length === 1) {
      slots.push({ char: String.fromCharCode(unit) });
      i++;
      continue;
    }
    if (length === 0) {
      // A stray continuation byte or an impossible lead: nothing to rebuild it from.
      invalid++;
      slots.push({ candidates: [], lead: unit });
      i++;
      continue;
    }
    const have = [unit];
    let j = i + 1;
    while (have.length < length && j < units.length && typeof units[j] === 'number' && isContinuation(units[j] as number)) {
      have.push(units[j] as number);
      j++;
    }
    if (have.length === length) {
      const code = decodeSequence(have);
      if (code === undefined) {
        invalid++;
        slots.push({ candidates: [], lead: unit });
      } else {
        validMultibyte++;
        slots.push({ char: String.fromCodePoint(code) });
      }
    } else {
      damaged++;
      slots.push({ candidates: candidatesFor(have, length, lost), lead: unit });
    }
    i = j;
  }
  return { page, slots, unmappable, validMultibyte, damaged, invalid };
}

/** True when the analysis shows mojibake: many sequences re-decode, few characters do not fit. */
function looksLikeMojibake(analysis: Analysis): boolean {
  const broken = analysis.damaged + analysis.invalid;
  return (
    analysis.validMultibyte >= 3 &&
    analysis.validMultibyte >= 2 * broken &&
    analysis.unmappable <= Math.max(2, analysis.validMultibyte * 0.02)
  );
}

// ---------------------------------------------------------------------------------------------
// Repair

/**
 * A quick gate before the full analysis: a UTF-8 lead byte's character followed by a
 * continuation byte's character (`ì—`, `Ã©`). Clean text almost never has one.
 */
const MOJIBAKE_PAIR =
  /[\u00C2-\u00F4\u011E\u011F\u0130\u015E][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/;

/** Posterior at or above which a context guess counts as confident. */
const CONFIDENT_POSTERIOR = 0.9;
const REPLACEMENT = '\uFFFD';

/** Result of {@link repairMojibake}. */
export interface MojibakeRepair {
  text: string;
  repair: Repair;
  /** Each damaged character: the choice, and how sure (posterior 0..1). For diagnostics. */
  decisions: { index: number; chosen: string; posterior: number; candidates: number }[];
}

/**
 * Detects mojibake in `text` and repairs it. Returns undefined when the text does not look like
 * mojibake (clean text must pass through untouched).
 */
export function repairMojibake(text: string, context?: RepairContext): MojibakeRepair | undefined {
  if (!MOJIBAKE_PAIR.test(text)) return undefined;
  // Pick the code page that explains the text best: fewest characters it cannot produce, then
  // fewest damaged sequences. windows-1252 and -1254 agree on most bytes; if nothing tells them
  // apart, either may have dropped 0x8E/0x9E, so allow both.
  const unionLost = [...new Set([...CODE_PAGES.flatMap((page) => page.undefinedBytes), SOFT_HYPHEN_BYTE])].sort((a, b) => a - b);
  const trial = CODE_PAGES.map((page) => analyze(text, page, []));
  trial.sort((x, y) => x.unmappable - y.unmappable || x.damaged + x.invalid - (y.damaged + y.invalid));
  const best = trial[0] as Analysis;
  if (!looksLikeMojibake(best)) return undefined;
  const tied = trial.filter((a) => a.unmappable === best.unmappable && a.damaged + a.invalid === best.damaged + best.invalid);
  const lost = tied.length > 1 ? unionLost : [...best.page.undefinedBytes, SOFT_HYPHEN_BYTE];
  const page = tied.length > 1 ? (CODE_PAGES[0] as CodePage) : best.page;
  const analysis = analyze(text, page, lost);
  return resolve(analysis, context ?? defaultContext());
}

function resolve(analysis: Analysis, context: RepairContext): MojibakeRepair {
  const { slots } = analysis;
  const chars: string[] = slots.map((slot) => ('char' in slot ? slot.char : REPLACEMENT));
  const damagedIndexes: number[] = [];
  slots.forEach((slot, index) => {
    if (!('char' in slot)) damagedIndexes.push(index);
  });
  const model = new Overlay(context, localModel(chars, damagedIndexes));
  const posteriors = settle(model, slots, chars, damagedIndexes);
  const { counts, decisions } = decide(model, slots, chars, damagedIndexes, posteriors);
  const total = damagedIndexes.length;
  return {
    text: chars.join(''),
    repair: {
      method: `${analysis.page.name} mojibake`,
      confidence: total === 0 ? 1 : Math.round((counts.confident / total) * 1000) / 1000,
      restored: counts.restored,
      guessed: counts.guessed,
      unresolved: counts.unresolved,
    },
    decisions,
  };
}

/**
 * The file's own clean text is the best evidence for its own words: n-grams that do not touch a
 * damaged character, and its clean Hangul words (runs of syllables without a damaged character).
 */
function localModel(chars: readonly string[], damagedIndexes: readonly number[]): CountingModel {
  const local = new CountingModel();
  const isDamaged = new Uint8Array(chars.length);
  for (const index of damagedIndexes) isDamaged[index] = 1;
  for (let i = 0; i < chars.length; i++) {
    if (isDamaged[i]) continue;
    const c = chars[i] as string;
    local.counts.set(c, (local.counts.get(c) ?? 0) + 1);
    local.total++;
    if (i > 0 && !isDamaged[i - 1]) bumpLocal(local, chars[i - 1] as string, c);
    if (i > 1 && !isDamaged[i - 1] && !isDamaged[i - 2]) bumpLocal(local, (chars[i - 2] as string) + chars[i - 1], c);
  }
  const isHangul = (c: string | undefined): boolean => c !== undefined && c >= '\uAC00' && c <= '\uD7A3';
  for (let start = 0; start < chars.length; ) {
    if (!isHangul(chars[start]) || isDamaged[start]) {
      start++;
      continue;
    }
    let end = start;
    let clean = true;
    while (end < chars.length && (isHangul(chars[end]) || isDamaged[end])) {
      if (isDamaged[end]) clean = false;
      end++;
    }
    if (clean) local.addWord(chars.slice(start, end).join(''));
    start = end;
  }
  return local;
}

/**
 * Fills `chars` at the damaged indexes: start from the candidate most likely on its own, then let
 * neighbours decide (a few rounds of iterated conditional modes: damaged characters next to each
 * other settle together). Returns each choice's posterior.
 */
function settle(model: Overlay, slots: readonly Slot[], chars: string[], damagedIndexes: readonly number[]): Map<number, number> {
  for (const index of damagedIndexes) {
    const slot = slots[index] as { candidates: string[] };
    if (slot.candidates.length === 0) continue;
    chars[index] = argmax(slot.candidates, (c) => logProbability(model, [], c));
  }
  const posteriors = new Map<number, number>();
  for (let round = 0; round < 4; round++) {
    for (const index of damagedIndexes) {
      const slot = slots[index] as { candidates: string[] };
      if (slot.candidates.length === 0) continue;
      const scores = slot.candidates.map((c) => localScore(model, chars, index, c));
      const top = Math.max(...scores);
      const weights = scores.map((s) => Math.exp(s - top));
      const sum = weights.reduce((a, b) => a + b, 0);
      const bestIndex = scores.indexOf(top);
      chars[index] = slot.candidates[bestIndex] as string;
      posteriors.set(index, (weights[bestIndex] as number) / sum);
    }
  }
  return posteriors;
}

/** Keeps, counts or gives up each settled choice (a choice nothing supports becomes U+FFFD in `chars`). */
function decide(model: Overlay, slots: readonly Slot[], chars: string[], damagedIndexes: readonly number[], posteriors: ReadonlyMap<number, number>) {
  const counts = { restored: 0, guessed: 0, unresolved: 0, confident: 0 };
  const decisions: MojibakeRepair['decisions'] = [];
  for (const index of damagedIndexes) {
    const slot = slots[index] as { candidates: string[] };
    const posterior = posteriors.get(index) ?? 0;
    const chosen = chars[index] as string;
    if (slot.candidates.length === 0) {
      counts.unresolved++;
      chars[index] = REPLACEMENT;
    } else if (slot.candidates.length === 1) {
      counts.restored++;
      counts.confident++;
    } else if (model.count(chosen) === 0 && priorProbability(chosen) < 1e-5) {
      // Nothing anywhere supports any candidate: a guess would be noise.
      counts.unresolved++;
      chars[index] = REPLACEMENT;
    } else {
      counts.guessed++;
      if (posterior >= CONFIDENT_POSTERIOR) counts.confident++;
    }
    decisions.push({ index, chosen: chars[index] as string, posterior, candidates: slot.candidates.length });
  }
  return { counts, decisions };
}

function bumpLocal(model: CountingModel, history: string, c: string): void {
  const key = history + c;
  if (!model.counts.has(key)) model.followerTypes.set(history, (model.followerTypes.get(history) ?? 0) + 1);
  model.counts.set(key, (model.counts.get(key) ?? 0) + 1);
}

/** log P of the window around `index` when it holds `c`: c given its left context, and the right neighbours given c. */
function localScore(model: Overlay, chars: string[], index: number, c: string): number {
  const at = (i: number): string | undefined => (i === index ? c : chars[i]);
  const historyOf = (i: number): string[] => {
    const history: string[] = [];
    for (let k = i - 2; k < i; k++) {
      const h = k >= 0 ? at(k) : undefined;
      if (h !== undefined) history.push(h);
      else history.length = 0;
    }
    return history;
  };
  let score = logProbability(model, historyOf(index), c);
  for (let k = index + 1; k <= index + 2 && k < chars.length; k++) score += logProbability(model, historyOf(k), at(k) as string);
  return score + wordScore(model, chars, index, c);
}

const isSyllable = (c: string | undefined): boolean => c !== undefined && c >= '\uAC00' && c <= '\uD7A3';

/**
 * Bonus for candidates that make a known word. Character trigrams alone prefer frequent
 * syllables (상태 "state" over 생태 "ecology"); the word they sit in knows better (생태계). Looks at
 * the word from its start to two syllables past `index`: how many known words start so, or, when
 * that reaches the word's end, how many are exactly that.
 */
function wordScore(model: Overlay, chars: string[], index: number, c: string): number {
  if (!isSyllable(c)) return 0;
  let start = index;
  while (start > 0 && isSyllable(chars[start - 1])) start--;
  let end = index + 1;
  while (end < chars.length && isSyllable(chars[end])) end++;
  const stop = Math.min(end, index + 3);
  const window = chars.slice(start, index).join('') + c + chars.slice(index + 1, stop).join('');
  const count = stop === end ? model.word(window) : window.length <= MAX_WORD_PREFIX ? model.wordPrefix(window) : 0;
  return Math.log1p(count);
}

function argmax<T>(items: T[], score: (item: T) => number): T {
  let best = items[0] as T;
  let bestScore = -Infinity;
  for (const item of items) {
    const s = score(item);
    if (s > bestScore) {
      bestScore = s;
      best = item;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Bytes → text

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Result of {@link decodePostBytes}: the text, or why there is none. */
export interface DecodedPost {
  /** The text (BOM removed, line ends untouched), repaired when it was mojibake. */
  text?: string;
  /** Present when the text was repaired from mojibake. */
  repair?: Repair;
  /** Why the file is not text we can serve (then `text` is absent). */
  problem?: string;
}

/**
 * Decodes a post file's bytes as Jekyll does (UTF-8, BOM optional) and repairs mojibake. Files
 * that are not text (NUL bytes, UTF-16, invalid UTF-8) come back with a `problem` instead.
 *
 * @param context n-gram model of clean posts ({@link buildRepairContext}); without it only the
 *   built-in list of common Korean syllables and words decides ambiguous characters.
 */
export function decodePostBytes(bytes: Uint8Array, context?: RepairContext): DecodedPost {
  const decoded = decodeUtf8(bytes);
  if (decoded.text === undefined) return decoded;
  const repaired = repairMojibake(decoded.text, context);
  if (repaired) return { text: repaired.text, repair: repaired.repair };
  return decoded;
}

/**
 * First half of {@link decodePostBytes}: UTF-8 (BOM removed) or why not, without repair. The
 * loader decodes every file this way first, so that the clean ones can teach the repair.
 */
export function decodeUtf8(bytes: Uint8Array): { text?: string; problem?: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: 'file is UTF-16 (Jekyll reads posts as UTF-8): save it as UTF-8' };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { problem: `not a text file (NUL byte at offset ${nul})` };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    return { problem: `not valid UTF-8 (bad byte 0x${(bytes[offset] ?? 0).toString(16).toUpperCase()} at line ${lineAt(bytes, offset)})` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

/** True when `text` looks like UTF-8 read through windows-1252/1254 (see {@link repairMojibake}). */
export function isMojibake(text: string): boolean {
  if (!MOJIBAKE_PAIR.test(text)) return false;
  return CODE_PAGES.some((page) => looksLikeMojibake(analyze(text, page, [])));
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    const length = sequenceLength(lead);
    if (length === 0) return i;
    const sequence = Array.from(bytes.subarray(i, i + length));
    if (length > 1 && decodeSequence(sequence) === undefined) return i;
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
