import { describe, expect, it } from 'vitest';
import { type Focus, focusOf, hasTenseMarker, readQuestion, verbFormsOf } from './question.ts';
import cues from './cues.json' with { type: 'json' };

const terms = (words: { term: string }[]): string[] => words.map((word) => word.term);

/** Questions read by the rules of question words (cues.json questionCues, leadingQuestionWords): each rule with what it reads. */
const FOCUS_READINGS: [rule: string, readings: [question: string, focus: Focus][]][] = [
  [
    'reads 뭘로 and 어떤 방식으로 as asking by what means, not whether, but 뭐로 불렸어 and 뭐로 바꿨어 as asking a name',
    [
      ['3D 프린터 레진은 뭘로 굳혀?', 'method'],
      ['로그인 시간은 뭘 기준으로 쟀어?', 'method'],
      ['그 도구는 스팸을 어떤 방식으로 걸러낸대?', 'method'],
      ['그 앱은 예전에 뭐로 불렸어?', 'name'],
      ['기본 모델을 뭐로 바꿨어?', 'name'],
    ],
  ],
  [
    'reads the name of a person (교수 이름, which researcher) as asking who, and a thing’s name as asking its name',
    [
      ['그 연구를 이끈 교수 이름이 뭐야?', 'person'],
      ['새로 온 마케팅 책임자 이름 뭐였지?', 'person'],
      ['Which Google engineer found the bug?', 'person'],
      ['whos the host of that podcast', 'person'],
      ['그 회사가 낸 새 앱 이름이 뭐야?', 'name'],
    ],
  ],
  [
    'reads a question about a kind of organization or place, singular or plural, as asking which company or where',
    [
      ['Which chipmakers signed the deal?', 'company'],
      ['which hosting provider ran the server?', 'company'],
      ['그 센서 어디 제품이야?', 'company'],
      ['무슨 회사 다니는 사람이야?', 'company'],
      ['the tool ships in which countries?', 'place'],
      ['which university is the team at?', 'place'],
    ],
  ],
  [
    'reads 얼마 without 나 as asking for money: a price when paying or buying, an amount otherwise',
    [
      ['그 앱 한 달에 얼마 내야 돼?', 'price'],
      ['키트로 사면 얼마 싸?', 'price'],
      ['그 데이터센터 얼마짜리 프로젝트였어?', 'amount'],
      ['그 스타트업 기업가치 지금 얼마야?', 'amount'],
      ['SEC랑 얼마에 합의했더라', 'amount'],
      ['빌드가 얼마나 빨라졌어?', 'number'],
    ],
  ],
  [
    'reads 몇 년이나 and 며칠 만에 as asking how long, and 며칠에 as asking which day',
    [
      ['그 회사에서 몇 년이나 일했대?', 'number'],
      ['그 앱을 며칠 만에 만들었어?', 'number'],
      ['그 앱은 며칠에 나왔어?', 'date'],
    ],
  ],
  [
    'reads the English question word written first as the one that asks: a later one opens a clause',
    [
      ['where was the ceo when he announced the layoffs?', 'place'],
      ['where are the researchers who built it from?', 'place'],
      ['who was the ceo when the company went public?', 'person'],
      ['when did the ceo who founded it step down?', 'date'],
    ],
  ],
  [
    'reads a question word (언제, who) before a money noun it mentions: 과징금 언제 asks a date',
    [
      ['CNIL이 과징금 매긴 게 언제야?', 'date'],
      ['who invested in the seed round?', 'person'],
      ['CNIL이 매긴 과징금은 얼마야?', 'amount'],
    ],
  ],
  [
    'reads how come, whats, 어느 and what temperature as their question words',
    [
      ['how come the build broke?', 'reason'],
      ['whats the flag that turns it on', 'name'],
      ['그 발표는 어느 행사에서 했어?', 'name'],
      ['What temperature does the example use?', 'number'],
    ],
  ],
];

describe('reading a question', () => {
  it.each([
    ['Rubin은 추론 성능이 몇 배야?', '최대 3배 향상', '30% 향상'],
    ['지원하는 형식은 몇 가지야?', '5가지 형식', '2026년'],
    ['참가자는 몇 명이야?', '1,500명이 참가', '15개 팀'],
    ['순위는 몇 위야?', '3위에 올랐습니다', '3개'],
    ['스캐너는 몇 단계야?', '7단계 파이프라인', '7개'],
    ['그는 몇 살 무렵에 알게 됐대?', '50대가 되어서야 알게 되었습니다', '2025년 말'],
  ])('reads the counter after 몇 as the unit the answer carries: %s', (question, answer, other) => {
    const read = readQuestion(question);
    expect(read.focus).toBe('number');
    expect(read.unit?.test(answer)).toBe(true);
    expect(read.unit?.test(other)).toBe(false);
  });

  it('reads no count in the digits of a name for a how-many question (Amazon EC2)', () => {
    const read = readQuestion('how many products does the pipeline handle?');
    expect(read.unit?.test('Amazon EC2: 오픈소스 소형 모델 배포')).toBe(false);
    expect(read.unit?.test('하루 100만 건을 처리')).toBe(true);
  });

  // [question, sentence, whether the sentence gives the figure in the unit asked]
  it.each([
    // A count in Korean numerals answers 몇 as digits do; a numeral inside a word does not.
    ['Larkspur 플랜은 몇 가지 있어?', '두 가지 플랜이 있습니다', true],
    ['Larkspur 신모델은 속도가 몇 배 빨라?', '이전보다 세 배 빠릅니다', true],
    ['Larkspur 팀원은 몇 명이야?', '다섯 명이 일합니다', true],
    ['Larkspur 플랜은 몇 가지 있어?', '이세 가지', false],
    // A unit symbol after 몇 is the unit of the answer, not any number.
    ['tulip 보드 전류 몇 mA 먹어?', '대기 전류는 약 15mA입니다', true],
    ['tulip 보드 전류 몇 mA 먹어?', '1979년부터 1990년까지 판매', false],
    ['배터리 용량 몇 Wh임?', '73Wh 배터리를 탑재', true],
    ['배터리 용량 몇 Wh임?', '32GB 메모리', false],
  ] as const)('reads the unit after 몇 in %s: %s → %s', (question, sentence, gives) => {
    expect(readQuestion(question).unit?.test(sentence)).toBe(gives);
  });

  it('reads a refresh rate as a frequency, not a percentage, and a resolution as width × height', () => {
    const refresh = readQuestion('whats the refresh rate on the 13 inch m5 ipad pro?');
    expect(refresh.unit?.test('120Hz ProMotion 기술로 부드러운 스크롤')).toBe(true);
    expect(refresh.unit?.test('배터리 효율이 20% 향상되었습니다')).toBe(false);
    const resolution = readQuestion('T440 화면 해상도 몇이었어?');
    expect(resolution.unit?.test('1366×768 디스플레이입니다')).toBe(true);
    expect(resolution.unit?.test('4GB RAM')).toBe(false);
    expect(resolution.unitWords.map((word) => word.term)).toEqual(['해상']);
  });

  it('reads a question comparing a measure with another as answered by a ratio too (how much less memory: 1/20, 20:1)', () => {
    const compared = readQuestion('How much less memory do virtual threads use compared to platform threads?');
    expect(compared.unit?.test('플랫폼 스레드 대비 1/20의 메모리로 처리합니다')).toBe(true);
    expect(compared.unit?.test('약 20:1의 메모리 효율성 비율')).toBe(true);
    expect(compared.unit?.test('스레드당 약 2MB를 사용합니다')).toBe(true);
    const plain = readQuestion('How much memory do virtual threads use?');
    expect(plain.unit?.test('약 20:1의 메모리 효율성 비율')).toBe(false);
  });

  it('does not take the counter for a topic word', () => {
    const read = readQuestion('엔비디아 Rubin은 추론 성능이 몇 배야?');
    expect(terms(read.words)).not.toContain('배야');
    expect(terms(read.topic)).toEqual(['엔비디아', '추론', '성능']);
  });

  it('reads the words of an English question that say which post it asks about', () => {
    expect(terms(readQuestion('whats the refresh rate on the ipad from the amazon deal post').postWords)).toEqual(['amazon', 'deal']);
    expect(terms(readQuestion("rachel toor's column about claudine, who did the proofreading on it?").postWords)).toEqual(['rachel', 'toor']);
    expect(terms(readQuestion('why does the app ship a todo list?').postWords)).toEqual([]);
  });

  it('reads "what share of …" as asking for a percentage, not a name', () => {
    const read = readQuestion("what share of the team's code is written by ai");
    expect(read.focus).toBe('number');
    expect(read.unit?.test('코드의 30%를 작성')).toBe(true);
    expect(readQuestion('what proportion of users left?').unit?.test('25%')).toBe(true);
  });

  it('reads "is there a way to …" as asking how, not whether', () => {
    expect(readQuestion('is there a faster way to open the app without the menu').focus).toBe('method');
    expect(readQuestion('Are there any ways to export the notes?').focus).toBe('method');
    expect(readQuestion('is there a dark mode in the app?').focus).toBe('yesno');
  });

  it('reads a question about money as an amount, and an agency as a company', () => {
    expect(readQuestion('How much money has the campaign stolen so far?').focus).toBe('amount');
    expect(readQuestion('그 캠페인은 돈을 얼마나 훔쳤어?').focus).toBe('amount');
    expect(readQuestion('which ad agency made the super bowl ad').focus).toBe('company');
  });

  it('reads how quickly as a number and a cost that falls as a change, not a price', () => {
    expect(readQuestion('How quickly can most AI systems be breached?').focus).toBe('number');
    expect(readQuestion('데이터센터 에너지 비용 얼마나 줄어?').focus).toBe('number');
    expect(readQuestion('구독 비용이 얼마야?').focus).toBe('price');
  });

  it('keeps the names of an English question, not its first word nor demonyms', () => {
    expect(terms(readQuestion('How do I migrate from Husky to prek?').names)).toEqual(['husky']);
    expect(terms(readQuestion('How large was the fine the Irish regulator gave TikTok?').names)).toEqual(['tiktok']);
    expect(readQuestion('Husky에서 prek으로 어떻게 옮겨?').names).toEqual([]);
  });

  it('reads a topic word without the particle left on it, and drops it when one syllable is left', () => {
    expect(terms(readQuestion('트러스트 월렛 모바일도 해킹당한 거야?').topic)).toEqual(['트러스트', '월렛', '모바일', '해킹당']);
    expect(terms(readQuestion('방 하나 크기만큼 흙 파내면 몇 톤 나와?').topic)).toEqual(['크기']);
    expect(terms(readQuestion('Anthropic은 인도 어디에 사무실을 여나요?').topic)).toEqual(['인도']);
  });

  it('does not take a noun used as the verb for a topic word, except in a yes/no question', () => {
    expect(terms(readQuestion('Humanizer가 참고한 위키백과 그룹 이름은?').topic)).not.toContain('참고');
    expect(terms(readQuestion('인텔이 SambaNova 인수를 마무리했나요?').topic)).toContain('마무리');
  });

  it('reads 며칠 as asking for a day, not as a topic word', () => {
    const read = readQuestion('톰 스토파드 정확히 며칠에 돌아가셨어?');
    expect(terms(read.words)).not.toContain('며칠');
    expect(read.unit?.test('2025년 11월 29일')).toBe(true);
    expect(read.unit?.test('2025년')).toBe(false);
  });

  it('reads which figure or date is asked for: the word before what is measured, never a verb', () => {
    expect(readQuestion('달라스 시청사 철거 비용은 얼마야?').qualifier?.term).toBe('철거');
    expect(readQuestion('Obsidian Moon 출시일은 언제야?').qualifier?.term).toBe('출시');
    expect(readQuestion('CNIL이 Free Mobile에 매긴 과징금은 얼마입니까?').qualifier).toBeUndefined();
    expect(readQuestion('슈퍼볼 광고 나가고 클로드 일일 사용자 얼마나 늘었어?').qualifier).toBeUndefined();
    expect(readQuestion('Rust 컴파일은 얼마나 빨라졌나요?').qualifier).toBeUndefined();
  });

  it('reads only a date noun as the day a date question measures, not a name ending in 일', () => {
    expect(readQuestion('프리모바일 해킹은 언제 있었어?').qualifier).toBeUndefined();
    expect(readQuestion('맥북 정식출시일은 언제야?').qualifier?.term).toBe('출시');
    expect(readQuestion('GDPR 과징금 납부 마감일이 언제야?').qualifier?.term).toBe('마감');
  });

  it('reads the event a date question names as a word (계약, 시행을) as which date is asked for, not a verb nor a name', () => {
    expect(readQuestion('앤트로픽 국방부 계약 정확히 몇월 며칠에 맺은거야?').qualifier?.term).toBe('계약');
    expect(readQuestion('그 법안 시행은 언제부터야?').qualifier?.term).toBe('시행');
    expect(readQuestion('Shotcut 25.12 언제 나왔어?').qualifier).toBeUndefined();
  });

  it('lists as date nouns only words ending in 일 after a first part of two syllables', () => {
    expect(cues.dateNouns.filter((noun) => !/^[\uAC00-\uD7A3]{2,}일$/.test(noun))).toEqual([]);
  });

  it.each([
    ['Larkspur 태블릿 얼마 할인해?', true],
    ['Larkspur 태블릿 할인 얼마야?', true],
    ['매출 얼마나 늘었어?', true],
    ['how much cheaper is the kit than the finished unit?', true],
    ['How much is the tablet discount?', true],
    ['By how much did the company cut its prices?', true],
    ['Larkspur 태블릿 할인된 가격은 얼마야?', false],
    ["What's the tablet's price after the discount?", false],
    ['Larkspur 매출은 얼마야?', false],
  ])('reads whether "%s" asks how much a figure changed (%s), not the figure itself', (text, change) => {
    expect(readQuestion(text).asksChange).toBe(change);
  });

  it('reads "how much is that thing" as asking its price, not a comparison or a change', () => {
    expect(focusOf('how much is that side a cassette speaker from the nomad gadget list?')).toBe('price');
    expect(focusOf('how much is the speedup on ARM64?')).not.toBe('price');
    expect(focusOf('how much is the ipad mini faster?')).not.toBe('price');
    expect(focusOf('how much is the battery life of the thinkpad?')).toBe('number');
  });

  // [question, focus]: the sentence that asks decides, not one giving background (-다던데), and a
  // Korean question with no question word ending in a verb asks yes or no, whatever nouns it holds.
  it.each([
    ['클로드 프로 구독료 한 달에 얼마야? doom coding 하려면 필요하다던데', 'price'],
    ['asus px13 가격 얼마임? 출시가 나왔나', 'price'],
    ['beautiful mermaid 회사에서 쓰면 돈 내야돼? 가격 얼마임', 'price'],
    ["the post brings up tiktok's gdpr fine. how much was meta fined under gdpr?", 'amount'],
    // Background that holds a question word still asks.
    ['efecto는 원래 어디 쓰려고 만든 툴이었어? 어떤 회사용이었다던데', 'company'],
    ['M5 아이패드 프로 512GB 모델도 100달러 할인해?', 'yesno'],
    ['프랑스 Free랑 Free Mobile, CNIL 과징금에 항소했대?', 'yesno'],
    ['할인하는 아이패드 프로에 나노텍스처 글래스 들어가있어요?', 'yesno'],
    // A request, a question whether the thing exists and a noun left last ask for the thing.
    ['아이패드 프로 할인 가격 알려줘', 'price'],
    ['npm 캐시 안전하게 정리하는 방법 있어요?', 'method'],
    ['GitClear 2025년 데이터에서 복사-붙여넣기 코드 비율은?', 'number'],
  ] as [string, Focus][])('reads the focus from the clause that asks: %s → %s', (question, focus) => {
    expect(focusOf(question)).toBe(focus);
  });

  it('reads what a thing is done with (뭘로, 뭘 기준으로, 어떤 방식으로) as asking how, and "how come" as asking why', () => {
    expect(focusOf('엘라스토머 수지는 뭘로 굳혀?')).toBe('method');
    expect(focusOf('온보딩 시간은 뭘 기준으로 쟀어?')).toBe('method');
    expect(focusOf('새 도구는 어떤 방식으로 탐지한대?')).toBe('method');
    expect(focusOf("how come jackson's kids were allowed to help him?")).toBe('reason');
    // Not what a thing is named, nor a plain yes-or-no.
    expect(focusOf('딥시크 모델명 뭐야?')).toBe('name');
    expect(focusOf('how does the cache come back after a restart?')).toBe('method');
  });

  it('reads which version a thing needs as asking a number: a version is written in figures (v0.1.26)', () => {
    expect(focusOf("which ollama version do i need for euconform's logprob bias scoring?")).toBe('number');
    expect(focusOf('What version of Node does the image ship?')).toBe('number');
    expect(focusOf('올라마 어떤 버전이 필요해?')).toBe('number');
  });

  it('reads "how old was X when …" as asking an age, not a date', () => {
    expect(focusOf('how old was tom stoppard when he died?')).toBe('number');
    expect(focusOf('when did tom stoppard die?')).toBe('date');
  });

  for (const [rule, readings] of FOCUS_READINGS) {
    it(rule, () => {
      for (const [question, focus] of readings) expect(focusOf(question), question).toBe(focus);
    });
  }

  it('reads how much something cut its costs as asking for the change (90%), not a price', () => {
    expect(focusOf('how much did the monolith cut their infra costs?')).toBe('number');
    expect(focusOf('how much does the subscription cost?')).toBe('price');
  });

  it('reads which figure or date an English question asks for from its grammar, not from a word used otherwise', () => {
    const measured = (text: string): string[][] => readQuestion(text).measured.map(terms);
    expect(measured('how much did west midlands police spend on their copilot licences?')).toEqual([['spending', 'cost', 'investment', '지불']]);
    expect(readQuestion("what was x-men 97's budget per episode?")).toMatchObject({ focus: 'amount', measured: [[{ term: 'budget' }]] });
    expect(measured('When will the Apophis probe launch?')).toEqual([['launch', 'release', 'sell', 'unveil', '발표']]);
    expect(measured('how many employees does DX have?')).toEqual([['employee']]);
    expect(measured('By how much did Noora Health cut maternal deaths?')).toEqual([['maternal'], ['death']]);
    // Each cue the question matches adds its group: the count's noun and a total.
    expect(measured('how many daily active users does claude have in total?')).toEqual([['daily'], ['total', 'cumulative', '총', '총액', '합계', '합산']]);
    expect(focusOf('whats the total amount stolen in that mystery evm wallet drain')).toBe('amount');
    expect(measured('when did tom stoppard pass away?')).toEqual([['death', '사망', '별세', '타계', '숨진', '숨졌', '세상']]);
    expect(measured('How large was the GDPR fine the Irish regulator gave TikTok?')).toEqual([['fine', 'penalty']]);
    // Korean counts people, years and lines with a counter (3명, 12년, 30,000줄), and a budget laptop is no budget.
    expect(measured('how many people quit the larkspur team?')).toEqual([]);
    expect(measured('How many lines of system prompts does that repo publish?')).toEqual([]);
    expect(measured("what's the best budget laptop under $1000?")).toEqual([]);
    expect(measured('Obsidian Moon 출시일은 언제야?')).toEqual([]);
  });

  it('reads a word with a tense marker as a verb, whatever ending follows it', () => {
    expect(terms(readQuestion('경찰 정보 수집에 확증 편향이 있었다고 하원에서 말한 내무장관 누구야?').topic)).not.toContain('있었다고');
    expect(terms(readQuestion('광고 후에 클로드 사용자가 얼마나 늘었대?').topic)).toEqual(['광고', '클로드', '사용자']);
    expect(['있었다고', '발표됐어', '하겠다며', '가셨나'].filter(hasTenseMarker)).toHaveLength(4);
    // A quoted statement's verb (한다고) is no topic either.
    expect(terms(readQuestion('Laura는 왜 사이버보안 교육에 다시 집중해야 한다고 했어?').topic)).toEqual(['사이버보안', '교육']);
    expect(['편향', '내무장관', '마무리', '인수'].filter(hasTenseMarker)).toEqual([]);
  });

  it('marks the topic words written as a verb, with the forms only that verb has', () => {
    const candidates = (question: string) => readQuestion(question).verbCandidates.map(({ word, ending }) => [word.term, ending]);
    expect(candidates('위반 사항이 10개 넘게 나온 레스토랑은 몇 곳이야?')).toEqual([['위반', undefined], ['넘게', '게'], ['나온', undefined]]);
    expect(candidates('PO 파일 받아오는 새 프로그램 이름 뭐야?')).toEqual([['파일', undefined], ['받아오', '는']]);
    expect(candidates('팔에서 떨어져서 기어다니는 로봇 손 누가 만든 거야?').map(([term]) => term)).toContain('떨어져서');
    // A noun before a question word is what is asked about; 보고서 ends in 서 but no verb's 아/어 form.
    expect(candidates('하원에서 말한 내무장관 누구야?')).toEqual([]);
    expect(candidates('보고서 제목이 뭐야?')).toEqual([]);
    // The last word is the question's predicate unless the posts write it as a noun.
    const last = readQuestion('파낸 흙은 어디로 보내?').verbCandidates.find(({ word }) => word.term === '보내');
    expect(last?.verbForms).toEqual(expect.arrayContaining(['보내는', '보냈']));
    expect(verbFormsOf('나온')).toEqual(expect.arrayContaining(['나온다', '나오는', '나왔']));
    expect(verbFormsOf('만든')).toEqual(expect.arrayContaining(['만든다', '만드는']));
    expect(verbFormsOf('레스토랑')).toEqual([]);
  });

  it('reads a verb made of a noun and 하다/되다 also as the noun, which the sentence that answers holds', () => {
    const verb = (question: string, term: string) => readQuestion(question).words.find((word) => word.term === term)?.variants;
    expect(verb('PSF 새 도구는 어떤 방식으로 탐지한대?', '탐지한대')).toContain('탐지');
    expect(verb('TULIP 프로젝트 현황은 어느 행사에서 발표됐어?', '발표됐어')).toContain('발표');
    expect(verb('Voxtral은 언제 출시됐나요?', '출시됐나요')).toContain('출시');
    // A one-syllable start is no noun made a verb: 한국 stays as it is.
    expect(verb('한국 사무실은 어디야?', '한국')).toEqual([]);
  });

  it('does not take the search’s vague words (현황, 근황) for topic words', () => {
    // 행사 names the kind of thing asked for (어느 행사): no topic word either.
    expect(terms(readQuestion('TULIP 프로젝트 현황은 어느 행사에서 발표됐어?').topic)).toEqual(['프로젝트']);
    expect(terms(readQuestion('리얼미 P4 파워 근황 알려줘').topic)).not.toContain('근황');
  });

  it('reads a one-syllable noun with 이 or 가 both ways, and drops it when the noun names the kind of answer', () => {
    const hwang = readQuestion('젠슨 황이 로드맵 발표한 게 언제야?').topic.find((word) => word.term === '황이');
    expect(hwang?.variants).toContain('황');
    expect(terms(readQuestion('Pydantic 팀이 만든 인터프리터 이름 뭐였지?').topic)).toEqual(['인터프리터']);
    expect(terms(readQuestion('착시 사진 찍은 곳이 어디야?').topic)).toEqual(['착시', '사진']);
  });

  it('reads a round number written in Korean words before the counter as the answer (백만 명)', () => {
    const unit = readQuestion('터널걸 팔로워 몇 명이야?').unit!;
    expect(unit.test('백만 명 이상의 팔로워를 확보했습니다')).toBe(true);
    expect(unit.test('수천 명이 참가')).toBe(true);
    expect(unit.test('유명 인사들이 참가')).toBe(false);
  });

  it('does not take the word naming a date or a title for a topic word: posts give them without it', () => {
    expect(terms(readQuestion('버마비단뱀 잡은 날짜가 언제야?').topic)).toEqual(['버마비단뱀']);
    expect(terms(readQuestion('원작 코믹스 스토리 제목이 뭐였지?').topic)).toEqual(['원작', '코믹스', '스토리']);
  });

  it('reads a number with a suffix glued on (202파운드짜리) also without it', () => {
    const weight = readQuestion('202파운드짜리 버마비단뱀 잡은 날짜가 언제야?').words.find((word) => word.term.startsWith('202'));
    expect(weight?.variants).toContain('202파운드');
  });

  it('does not take a verb in its adnominal form before what is measured (잡은 날짜) for the qualifier', () => {
    expect(readQuestion('버마비단뱀 잡은 날짜가 언제야?').qualifier).toBeUndefined();
    expect(readQuestion('버마비단뱀 포획 날짜가 언제야?').qualifier?.term).toBe('포획');
  });

  it('reads the last word as the verb when the analyzer took its last syllable for a particle (돌아가 → 돌아)', () => {
    const read = readQuestion('계산기에서 마이크로파이썬이 돌아가?');
    const verb = read.verbCandidates.find((candidate) => candidate.word.term === '돌아');
    expect(verb).toMatchObject({ written: '돌아가' });
    expect(verb?.verbForms).toEqual(expect.arrayContaining(['돌아가는', '돌아갔']));
  });

  it('does not take the kind of thing asked for (무슨 프로세서, 누구 프로젝트) for a topic word: the post names the thing', () => {
    expect(readQuestion('beautiful mermaid 아스키 렌더링은 누구 프로젝트 기반이야?')).toMatchObject({ category: { term: '프로젝트' } });
    expect(terms(readQuestion('beautiful mermaid 아스키 렌더링은 누구 프로젝트 기반이야?').topic)).not.toContain('프로젝트');
    expect(terms(readQuestion('TULIP 현황은 어느 행사에서 발표됐어?').topic)).not.toContain('행사');
  });

  it('reads the word just before a question word as what the answer is asked of (통신사 어디야, 기간 언제부터), not before 얼마 (무게는 얼마나)', () => {
    expect(readQuestion('Photonic이 실증 같이 한 통신사 어디야?').askedOf?.term).toBe('통신사');
    expect(readQuestion('위생검사 기간 언제부터 언제까지였어요?').askedOf?.term).toBe('기간');
    expect(readQuestion('박사후연구원은 누구에요?').askedOf?.term).toBe('박사후연구원');
    expect(readQuestion('PX13 무게는 얼마나 돼?').askedOf).toBeUndefined();
  });

  it('reads 몇 퍼 as asking a percentage, and 나이 only as a word of its own (not inside 제미나이)', () => {
    const unit = readQuestion('제미나이 일일 사용자는 몇 퍼 늘었음?').unit;
    expect(unit?.test('Gemini는 1.4% 증가')).toBe(true);
    expect(unit?.test('30세')).toBe(false);
    expect(readQuestion('창업자 나이가 몇 살이야?').unit?.test('30세')).toBe(true);
  });

  it('reads the counter after a Korean numeral (주제 세 개가) as counting the answer, not as a topic word', () => {
    expect(terms(readQuestion('컴퓨팅 교육 핵심 주제 세 개가 뭐였어?').topic)).not.toContain('개가');
    expect(terms(readQuestion('컴퓨팅 교육 핵심 주제 세 개가 뭐였어?').topic)).toContain('주제');
  });

  it('reads a number with a counter (13살, 3번) also in the counter’s other units (13세, 3회), as a post may write it', () => {
    const [age] = readQuestion('그 법은 13살 넘은 아이들도 막아?').specific;
    expect(age).toMatchObject({ term: '13살', variants: expect.arrayContaining(['13세']) });
    expect(age?.variants).not.toContain('13대');
    expect(readQuestion('서버는 3번 재시작했어?').specific[0]?.variants).toContain('3회');
  });

  it('reads a number glued to a Hangul word of three syllables or more (37시그널즈) also as a name, a figure and its unit (4일제) not', () => {
    expect(readQuestion('37시그널즈 공동 창업자는 누구야?').specific[0]).toMatchObject({ term: '37시', parts: ['37', '시그널즈'] });
    expect(readQuestion('주 4일제 도입한 회사 어디야?').specific[0]).toMatchObject({ term: '4일', parts: [] });
  });

  it('takes no determiner (아무 제한도) for a topic word', () => {
    expect(terms(readQuestion('13살 넘은 애들한테는 아무 제한도 없는 거야?').topic)).not.toContain('아무');
  });

  it('reads 어떤 방식으로 and 무슨 식으로 as asking how, not for a name', () => {
    expect(focusOf('PSF가 pypi 악성 패키지 잡는 새 도구는 어떤 방식으로 탐지한대?')).toBe('method');
    expect(focusOf('그 앱은 무슨 식으로 결제해?')).toBe('method');
    // 식 only as the word 식으로: a word beginning with it (식당) asks which one.
    expect(focusOf('그 사람 무슨 식당 했어?')).toBe('name');
  });
});
