import { describe, expect, it } from 'vitest';
import { analyzeQueryWords } from '../search/analyzer.ts';
import { testPost } from '../../test/helpers/posts.ts';
import { containsWord, holdsLatinSpelling, holdsLoanword, holdsVerbForm, koreanSpellings, textTerms, writesAsNoun, writesInLatin, writesJoinedName } from './terms.ts';

const word = (text: string) => analyzeQueryWords(text)[0]!;

describe('words held in another form', () => {
  it('finds a Korean verb in another form of the same verb (이끈 in 이끄는), not a cut noun', () => {
    const text = textTerms('D-PHYS 교수 Andreas Wallraff가 이끄는 연구팀이 시연했습니다.');
    expect(containsWord(text, word('이끈'))).toBe(false);
    expect(holdsVerbForm(text, word('이끈'))).toBe(true);
    expect(holdsVerbForm(textTerms('연구팀이 이끌어 온 실험'), word('만든'))).toBe(false);
  });

  it('finds a Hangul compound of two loanwords written as two Latin words (프리모바일 in Free Mobile), not one of them alone', () => {
    expect(writesInLatin(textTerms('CNIL은 Free Mobile에 과징금을 부과했습니다.'), word('프리모바일'))).toBe(true);
    expect(writesInLatin(textTerms('Mobile 앱의 과징금'), word('프리모바일'))).toBe(false);
    expect(writesInLatin(textTerms('Trust Wallet 해킹'), word('트러스트'))).toBe(true);
  });

  it('finds a name typed with its number glued on (ios26) where the post writes them apart (iOS 26), not another number', () => {
    expect(containsWord(textTerms('iOS 26에서 ChatGPT를 Siri와 통합합니다.'), word('ios26'))).toBe(true);
    expect(containsWord(textTerms('GPT-5 모델'), word('gpt5'))).toBe(true);
    expect(containsWord(textTerms('iOS 265에서'), word('ios26'))).toBe(false);
  });

  it.each([
    ['FreeMobile', 'CNIL은 Free Mobile에 과징금을 부과했습니다.'],
    ['37signals', 'Ruby on Rails 창시자이자 37 Signals의 공동 창업자'],
    ['wifi7', 'M5 칩은 Wi-Fi 7을 지원합니다.'],
    ['GPT4o', 'GPT-4o 모델'],
    ['open-ai', 'OpenAI가 발표했습니다.'],
    ['Shotcut25.12', 'Shotcut 25.12 출시'],
    ['PythonBytes', 'Python Bytes #469 에피소드'],
  ])('finds a Latin name typed without the spaces or hyphens the post writes, or with others (%s)', (typed, post) => {
    expect(containsWord(textTerms(post), word(typed))).toBe(true);
  });

  it('does not join a name with the letters or digits around it (FreeMobile is not in Free Mobility, wifi7 not in Wi-Fi 75)', () => {
    expect(containsWord(textTerms('Free Mobility 요금제'), word('FreeMobile'))).toBe(false);
    expect(containsWord(textTerms('Wi-Fi 75 규격'), word('wifi7'))).toBe(false);
    expect(containsWord(textTerms('iOS 265에서'), word('ios26'))).toBe(false);
  });

  it('finds a Latin word of the question inside the one name the post writes with its neighbour (Origami Swift: OrigamiSwift)', () => {
    const text = textTerms('접이식 마우스 OrigamiSwift가 HubKey Gen2와 함께 소개됐습니다.');
    expect(writesJoinedName(text, 'origami', '접는 마우스 Origami Swift 무게 몇 그램이었지')).toBe(true);
    expect(writesJoinedName(textTerms('ChatGPT 확장 기능'), 'chat', 'Chat GPT를 Siri 대신 쓰려면')).toBe(true);
    expect(writesJoinedName(text, 'origami', 'Origami 마우스 무게')).toBe(false);
    expect(writesJoinedName(text, 'swift', 'Taylor Swift 노래')).toBe(false);
  });

  it('finds an English name written in Hangul (Florida in 플로리다), not another name', () => {
    expect(holdsLoanword(textTerms('2023년 플로리다를 시작으로 절반 이상의 주가 도입했습니다.'), word('Florida'))).toBe(true);
    expect(holdsLoanword(textTerms('2019년 캘리포니아에서 시작된 이 움직임'), word('Florida'))).toBe(false);
    // Every reading of the Latin word, as the search reads it: frame + work.
    expect(holdsLoanword(textTerms('새 프레임워크의 구조'), word('framework'))).toBe(true);
  });

  it('finds the Latin original of a Hangul word (트러스트 → trust), and the alias of a word (도커 → docker)', () => {
    const wallet = testPost('wallet', 'Trust Wallet 해킹은 공급망 공격으로 발생했습니다.');
    expect(koreanSpellings(wallet, word('트러스트'), () => [])).toEqual(['trust']);
    expect(koreanSpellings(wallet, word('모바일'), () => [])).toEqual([]);
    const docker = testPost('docker', 'docker system prune 명령으로 정리합니다.');
    expect(koreanSpellings(docker, word('도커'), () => ['docker'])).toContain('docker');
  });

  it('tells a noun by the case particle after it (위반을), never a verb form (나온 지, 나오도록)', () => {
    expect(writesAsNoun(textTerms('10개 이상의 위반이 발견되었고 위반을 고쳤습니다.').surface, word('위반'))).toBe(true);
    expect(writesAsNoun(textTerms('시장에 나온 지 한 달, 내년에 나온다고 합니다.').surface, word('나온'))).toBe(false);
    expect(writesAsNoun(textTerms('결과가 나오도록 기다립니다.').surface, word('나오'))).toBe(false);
  });

  it('finds the Latin word a Hangul word transliterates (디렉터 → director)', () => {
    expect(holdsLatinSpelling(textTerms('The game director said so.'), word('디렉터'))).toBe(true);
  });

  it('reads a Hangul word as the search does: letter names (챗지피티), a named first letter (지스케일러), a compound (파이프락), a plural 스', () => {
    expect(holdsLatinSpelling(textTerms('ChatGPT의 일일 사용자는 2.7% 늘었습니다.'), word('챗지피티'))).toBe(true);
    expect(holdsLatinSpelling(textTerms('Zscaler는 EU AI Act를 지원합니다.'), word('지스케일러'))).toBe(true);
    expect(holdsLatinSpelling(textTerms('Pipelock은 매니페스트를 씁니다.'), word('파이프락'))).toBe(true);
    expect(holdsLatinSpelling(textTerms('Kubernetes 클러스터'), word('쿠버네티스'))).toBe(true);
    // The plural reading needs the post's plural: Siri is no 시리즈.
    expect(holdsLatinSpelling(textTerms('Siri를 대체합니다.'), word('시리즈'))).toBe(false);
  });

  it('matches a Latin word of three letters only when the Hangul says it as written (비트 bit), not loosely (써요 ceo, 소스 css)', () => {
    expect(holdsLatinSpelling(textTerms('a 64 bit CPU'), word('비트'))).toBe(true);
    expect(holdsLatinSpelling(textTerms('the CEO said'), word('써요'))).toBe(false);
    expect(holdsLatinSpelling(textTerms('CSS 파일'), word('소스'))).toBe(false);
    expect(holdsLatinSpelling(textTerms('The game designer said so.'), word('받아오'))).toBe(false);
  });

  it('holds a word read with its stem as a variant only where the stem is a word of its own (팀은, not 팀장)', () => {
    const team = { ...word('팀이'), variants: ['팀'] };
    expect(containsWord(textTerms('Pydantic 팀은 새 인터프리터를 만들었습니다.'), team)).toBe(true);
    expect(containsWord(textTerms('팀장이 새 인터프리터를 만들었습니다.'), team)).toBe(false);
  });

  it('holds a Korean compound the text writes with spaces (버마비단뱀 in 버마 비단뱀), not a two-syllable one', () => {
    const text = textTerms('202파운드의 거대한 버마 비단뱀을 포획했습니다.');
    expect(containsWord(text, word('버마비단뱀'))).toBe(true);
    expect(containsWord(textTerms('한국 기업 가운데'), word('국기'))).toBe(false);
    expect(containsWord(textTerms('미얀마 비단뱀을 포획했습니다.'), word('버마비단뱀'))).toBe(false);
  });
});
