import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../posts/load.ts';
import { SearchIndex } from '../search/index.ts';
import { fixture } from '../../test/helpers/core.ts';
import { analyzeQueryWords } from '../search/analyzer.ts';
import type { Post } from '../posts/types.ts';
import { answerQuestion, candidatesOf, givesOnlyChange, hasShape, sentencesOf, withCompoundsApart, writesCode, writtenAsName, type AnswerResult } from './answer.ts';
import { readQuestion } from './question.ts';
import { testPost } from '../../test/helpers/posts.ts';

let index: SearchIndex;
let samples: SearchIndex;
let named: SearchIndex;
let english: SearchIndex;
let larkspur: Post;
beforeAll(async () => {
  // Korean posts whose words an English question reaches only through the vocabulary (staff →
  // 직원, quit → 사임), and one whose date sentence holds none of the question's words.
  const englishPosts = await loadLibrary({ postsDir: fixture('answer-english-posts'), siteUrl: 'https://blog.example' });
  english = SearchIndex.build(englishPosts.library.all());
  larkspur = englishPosts.library.all().find((post) => post.title.startsWith('Larkspur'))!;
  const { library } = await loadLibrary({ postsDir: fixture('answer-posts'), siteUrl: 'https://blog.example' });
  index = SearchIndex.build(library.all());
  // The project's own sample posts: the Rubin post says "최대 3배".
  const sample = await loadLibrary({ postsDir: new URL('../../posts', import.meta.url).pathname, siteUrl: 'https://blog.example' });
  samples = SearchIndex.build(sample.library.all());
  // Four posts write Kestrel; the one about its trial writes it most, a survey post has the
  // English words of the question (randomized trial, longer) and no Kestrel; the Yolobox post
  // gives its cause in a section the index does not rank for an English question.
  const withNames = await loadLibrary({ postsDir: fixture('answer-named-posts'), siteUrl: 'https://blog.example' });
  named = SearchIndex.build(withNames.library.all());
});

/** The answer from a post of these lines under this title, its one passage the whole post. */
const answerOver = (lines: readonly string[], title: string, question: string): AnswerResult => {
  const post = testPost('larkspur-lines', lines.join('\n'), { title });
  return answerQuestion({ answer: () => [{ post, heading: '본문', text: post.text, score: 1 }], search: () => [{ post }] }, question);
};

const lead = (result: AnswerResult): string => (result.kind === 'answer' ? result.lead.join(' ') : `(${result.kind})`);

describe('answering with the sentence that answers', () => {
  it('reads the counter after 몇 as the unit of the answer, not as a topic word (몇 배 → 3배)', () => {
    expect(lead(answerQuestion(samples, '엔비디아 Rubin은 추론 성능이 몇 배야?'))).toMatch(/3배/);
  });

  it('answers a person question naming a role only with that role beside the question’s names', () => {
    expect(lead(answerQuestion(index, 'Acme CEO 누구야?'))).toMatch(/^Acme의 CEO Jane Doe/);
    expect(answerQuestion(index, 'Globex CEO 누구야?')).toMatchObject({ kind: 'closest', missing: { focus: 'person' } });
  });

  it('answers a role question with the sentence naming the role’s holder, though it says something else is undisclosed', () => {
    expect(lead(answerQuestion(index, 'Initech CEO 누구야?'))).toMatch(/Bill Lumbergh/);
    // No name beside the role: its holder is what is not disclosed.
    expect(answerQuestion(index, 'Initech CTO 누구야?')).toMatchObject({ kind: 'closest', missing: { focus: 'person' } });
  });

  it('holds an English question’s names to the role sentence too: Acme’s CEO is not Globex’s', () => {
    expect(lead(answerQuestion(index, 'Who is the CEO of Acme?'))).toMatch(/Jane Doe/);
    expect(answerQuestion(index, 'Who is the CEO of Globex?')).toMatchObject({ kind: 'closest', missing: { focus: 'person' } });
  });

  it('reads the names of an English question written in lower case as the posts write them (Globex 출신)', () => {
    expect(lead(answerQuestion(index, 'what is the price of the hooli wireless charging pad?'))).toMatch(/29달러/);
    // Only the Acme post writes Globex: the Hooli post's price is not a Globex pad's.
    expect(answerQuestion(index, 'what is the price of the globex wireless charging pad?')).toMatchObject({ kind: 'closest' });
  });

  it.each([
    ['meta', 'Meta는 새 모델을 공개했습니다.', true],
    ['sprinklr', '- Hootsuite, Sprinklr, Proofpoint 등 다양한 도구', true],
    ['space', 'SPACE 메트릭으로 생산성을 잽니다.', false],
    ['graph', 'Microsoft Graph에서 데이터를 가져옵니다.', false],
    ['time', 'Time 기능과 time 기능', false],
    ['deal', '"The Deal of the Year" was the headline.', false],
  ])('reads %s as a name only when the posts write it so in Korean prose: %s', (term, text, name) => {
    expect(writtenAsName([{ title: '', summary: [], text }], analyzeQueryWords(term)[0]!)).toBe(name);
  });

  it('reads how a post writes a name once per post and term, and a reloaded post anew', () => {
    let reads = 0;
    const post = (text: string) => ({ title: '', summary: [], get text() { reads++; return text; } });
    const meta = analyzeQueryWords('meta')[0]!;
    const written = post('Meta는 새 모델을 공개했습니다.');
    expect([writtenAsName([written], meta), writtenAsName([written], meta)]).toEqual([true, true]);
    expect(reads).toBe(1);
    // A changed file is a new post object: what the old one wrote says nothing of it.
    expect(writtenAsName([post('meta는 새 모델을 공개했습니다.')], meta)).toBe(false);
    expect(reads).toBe(2);
  });

  it('does not ask the answering sentence for the name saying which post is asked about (the Orbix talk)', () => {
    expect(lead(answerQuestion(named, 'when did the quill desktop app come out? the Orbix talk mentioned it'))).toMatch(/2026년 3월 4일/);
  });

  it('reads a role an English question writes in small letters (ceo) as the role', () => {
    expect(lead(answerQuestion(index, 'who is the ceo of acme?'))).toMatch(/^Acme의 CEO Jane Doe/);
    expect(answerQuestion(index, 'who is the ceo of globex?')).toMatchObject({ kind: 'closest', missing: { focus: 'person' } });
  });

  it('takes a figure only from a sentence with the question’s period and subject', () => {
    expect(lead(answerQuestion(index, 'GitClear 2024년 복사-붙여넣기 코드 비율은?'))).toMatch(/12\.3%/);
    // The post has GitClear's 2024 figure and Veracode's 2025 one: neither is GitClear's 2025 figure.
    expect(answerQuestion(index, 'GitClear 2025년 데이터에서 복사-붙여넣기 코드 비율은?')).toMatchObject({ kind: 'closest', missing: { focus: 'number' } });
  });

  it('answers a why with the sentence whose cause follows, and leads a sentence that refers back with the one before', () => {
    expect(lead(answerQuestion(index, 'Acme는 왜 재사용 로켓을 만들었어?'))).toMatch(/때문입니다/);
    expect(lead(answerQuestion(index, 'Falcon-X는 왜 마지막 10초 동안 엔진을 다시 켜?'))).toMatch(/^착륙 다리 네 개를 펼칩니다\. 이를 위해/);
  });

  it('declines when a name the narrower question left out is in no post', () => {
    expect(answerQuestion(index, 'How do I launch Falcon-X from Mars?')).toMatchObject({ kind: 'closest' });
  });

  it('takes a figure only from a sentence that says which one: the maintenance cost is not the demolition cost', () => {
    expect(lead(answerQuestion(index, 'Initech 데이터센터 유지보수 비용은 얼마야?'))).toMatch(/500만 달러/);
    expect(answerQuestion(index, 'Initech 데이터센터 철거 비용은 얼마야?')).toMatchObject({ kind: 'closest' });
  });

  it('leads a sentence that ends with a colon with the line it announces', () => {
    expect(lead(answerQuestion(index, 'Initech가 새 건물에서 쓰는 스토리지 엔진은?'))).toMatch(/다음과 같습니다: Ceph/);
  });

  it('leads a figure with a second sentence that has a figure too, not a better-matching one without any', () => {
    const lines = ['Larkspur 플랫폼 스레드는 스레드마다 메모리를 2MB 씁니다.', 'Larkspur 가상 스레드는 메모리 대신 힙에 스택을 저장합니다.', '반면 가상 쪽은 약 100KB만 씁니다.'];
    const result = answerOver(lines, 'Larkspur 런타임', 'Larkspur 가상 스레드는 메모리 얼마나 먹어?');
    expect(result.kind === 'answer' && result.lead).toEqual([lines[0], lines[2]]);
  });

  it('leads with a second sentence that says something the best does not, not one repeating it', () => {
    const [best, repeat, other] = [
      'Larkspur 앱은 2026년 봄에 정식 출시되어 일일 사용자가 빠르게 늘었습니다.',
      'Larkspur 앱은 2026년 봄 정식 출시 이후 일일 사용자가 크게 늘었습니다.',
      '같은 기간 Larkspur 웹 버전의 일일 사용자는 절반으로 줄었습니다.',
    ];
    expect(lead(answerOver([best!, repeat!, other!], 'Larkspur 사용자', 'Larkspur 앱 일일 사용자 추이 알려줘'))).toBe(`${best} ${other}`);
  });

  it('declines an English question naming something no post writes, however well the rest matches', () => {
    expect(lead(answerQuestion(index, 'Does the Initech dashboard support charts?'))).toMatch(/차트와 표를 지원/);
    expect(answerQuestion(index, 'Does the Initech dashboard support Gantt charts?')).toMatchObject({ kind: 'closest', missing: { term: 'Gantt' } });
  });

  it('answers how to do something with the sentence that writes the command, not the one saying what doing it gains', () => {
    const lines = [
      '정기적으로 Larkspur 캐시를 정리하면 놀라울 정도로 많은 디스크 공간을 확보할 수 있습니다.',
      '단점은 나중에 다시 내려받아야 한다는 것입니다.',
      '정리를 위해 lark cache prune 명령어를 실행하면 쓰지 않는 캐시를 지워 디스크 공간을 되찾을 수 있습니다.',
    ];
    expect(lead(answerOver(lines, 'Larkspur 디스크 정리', 'Larkspur 캐시가 디스크 공간을 너무 먹는데 어떻게 정리해?'))).toMatch(/^정리를 위해 lark cache prune/);
  });

  it('reads a command, an identifier, a flag or a quoted setting in Korean prose as code, not a line of code or an English quotation', () => {
    expect(writesCode('더 안전한 옵션은 npm cache verify입니다.')).toBe(true);
    expect(writesCode('RUBY_BOX=1 환경 변수로 활성화할 수 있습니다.')).toBe(true);
    expect(writesCode('-a 또는 --all 플래그를 추가합니다.')).toBe(true);
    expect(writesCode('"요청 확인" 옵션을 비활성화합니다')).toBe(true);
    expect(writesCode('Docker를 정기적으로 정리하면 공간을 확보할 수 있습니다.')).toBe(false);
    expect(writesCode('yolobox run claude          # 샌드박스에서 Claude Code 실행')).toBe(false);
    expect(writesCode('변환 후: "The institute was established to collect and publish statistics."')).toBe(false);
    expect(writesCode('용해성 잉크(fugitive ink)를 씁니다.')).toBe(false);
  });

  it('reads "free" as a price, but not when it is said of the others, except the thing (X를 제외한 … 무료)', () => {
    expect(hasShape('Termius와 Tailscale은 무료로 쓸 수 있습니다.', 'price')).toBe(true);
    expect(hasShape('Claude Pro를 제외한 대부분의 도구는 무료이며, 클라우드보다 경제적입니다.', 'price')).toBe(false);
    expect(hasShape('every tool except Claude Pro is free.', 'price')).toBe(false);
  });

  it('reads a person named in Hangul by a given name (조나단 쿠밍가) as the shape of a who-answer, unless the question names them', () => {
    expect(hasShape('조나단 쿠밍가는 뼈 타박상으로 인해 출전이 불가능한 상황입니다.', 'person', '어느 선수가 뼈 타박상으로 빠져?')).toBe(true);
    expect(hasShape('젠슨 황은 새 GPU를 공개했습니다.', 'person', '누가 새 GPU를 공개했어?')).toBe(true);
    expect(hasShape('젠슨 황은 새 GPU를 공개했습니다.', 'person', '젠슨 황은 누구와 GPU를 공개했어?')).toBe(false);
    expect(hasShape('팀 구성은 뼈 타박상으로 바뀌었습니다.', 'person', '어느 선수가 뼈 타박상으로 빠져?')).toBe(false);
  });

  it('reads a means done to make something possible (분석하여, … 식별할 수 있습니다) as the shape of a how-answer, a comma after it or not', () => {
    expect(hasShape('능력 분석 방식은 패키지가 하는 일을 분석하여, 새로운 유형의 위협도 식별할 수 있습니다.', 'method')).toBe(true);
    expect(hasShape('세 도구를 조합하면, 5분 만에 모바일 환경을 구축할 수 있습니다.', 'method')).toBe(true);
    // A means with nothing it makes possible is no mechanism.
    expect(hasShape('패키지가 하는 일을 분석하여 보고서를 냅니다.', 'method')).toBe(false);
  });

  it('reads a mechanism written as a manner (이벤트 기반 대기 방식으로) as the shape of a how-answer', () => {
    expect(hasShape('subprocess 모듈의 폴링 방식이 이벤트 기반 대기 방식으로 개선됩니다', 'method')).toBe(true);
    expect(hasShape('이 기술은 완전히 새로운 접근 방식을 제공합니다.', 'method')).toBe(false);
    // What is used, in any form of the verb (사용한다고, 사용합니다), not only 사용하여.
    expect(hasShape('Farid는 아내와 안전 단어(safety word)를 사용한다고 말합니다.', 'method')).toBe(true);
  });

  it('answers how to set something up with the steps of the list its best sentence is in, from the first', () => {
    const steps = ['기기에서 Larkspur 설정에 접근합니다', '동기화 메뉴로 이동하여 Larkspur 확장 기능을 찾습니다', '"요청 확인" 옵션을 비활성화하여 Larkspur가 바로 응답하게 합니다'];
    const lines = ['Larkspur를 쓰려면 간단한 설정 과정을 거쳐야 합니다.', '', '설정 프로세스:', '', ...steps, '', '이 설정을 완료하면 지연이 사라집니다.'];
    const result = answerOver(lines, 'Larkspur 설정 가이드', 'Larkspur 요청 확인 창 어떻게 꺼요?');
    expect(result.kind === 'answer' && result.lead).toEqual(steps);
  });

  it('reads what a thing affects or brings about (영향을 줄 수 있습니다, 초래합니다) as the shape of a cause', () => {
    expect(hasShape('RP2040 같은 현대 마이크로컨트롤러는 구형 계산기의 배터리 수명에 영향을 줄 수 있습니다.', 'reason')).toBe(true);
    expect(hasShape('잦은 재시작은 데이터 손실을 초래합니다.', 'reason')).toBe(true);
    expect(hasShape('이 계산기는 배터리로 작동합니다.', 'reason')).toBe(false);
  });

  it('answers a why with a cause naming another thing when the post’s title names the thing asked about', () => {
    const lines = ['Quartz 같은 최신 칩은 구형 계산기의 배터리 수명을 줄이기 때문입니다.', '이 확장 보드는 구형 계산기에 새 기능을 더합니다.'];
    expect(lead(answerOver(lines, 'Larkspur 확장 보드', 'Larkspur 보드는 왜 배터리 수명을 줄여?'))).toMatch(/^Quartz 같은 최신 칩/);
  });

  it('answers a how whose best sentence announces a list with the sentence and the whole list', () => {
    const lines = ['Larkspur 설치 방법은 다음과 같습니다:', '저장소를 내려받습니다', '의존성을 준비합니다', '서버를 시작합니다'];
    const result = answerOver(lines, 'Larkspur 안내', 'Larkspur 어떻게 설치해?');
    expect(result.kind === 'answer' && result.lead).toEqual(lines);
  });

  it('answers a how with the sentence whose subject is the thing asked about, not the one about what is around it', () => {
    expect(lead(answerQuestion(index, 'Initech는 고객 데이터를 어떻게 지켜?'))).toMatch(/^Initech는 권한 분리 방식/);
  });

  it('answers a which-name question with the sentence that introduces a name (Beacon이라는), not one naming what it runs on', () => {
    expect(lead(answerQuestion(index, 'Initech 대시보드 시각화 도구 이름이 뭐야?'))).toMatch(/^Grafana 위에서 Beacon이라는/);
  });

  it('does not hold a post to a verb of the question that describes a noun (나온 레스토랑), but still to a noun so placed (무선 충전)', () => {
    // 나온 is 나오다 (the Zephyr post writes 나온다고): the inspection post says 발견되었습니다.
    expect(lead(answerQuestion(index, '하버시에서 위반 사항이 10개 넘게 나온 레스토랑은 몇 곳이야?'))).toMatch(/8개 레스토랑/);
    // 무선 is a noun the Hooli post writes: the Zephyr post, which only has 유선 충전, does not say.
    expect(answerQuestion(index, 'Zephyr 폰 무선 충전 돼?')).toMatchObject({ kind: 'closest', missing: { term: '무선' } });
  });

  it('does not hold a post to the word the question word is asked of (검사 기간 언제부터): the dates are the period', () => {
    // The Vexor post writes 기간; the inspection post gives the period as 8일부터 14일까지 only.
    expect(lead(answerQuestion(index, '하버시 레스토랑 위생 검사 기간 언제부터 언제까지였어?'))).toMatch(/8일부터 14일까지/);
  });

  it('answers where a thing is with the word the sentence writes in the genitive before its name (오클랜드의 그랜드 호텔)', () => {
    expect(lead(answerQuestion(index, '위생 검사 발표회가 열린 그랜드 호텔은 어느 도시에 있어?'))).toMatch(/^검사 결과 발표회는 오클랜드의 그랜드 호텔/);
  });

  it('reads a list item with the line announcing its list: "Cursor: 18%" gives the share that line names', () => {
    expect(lead(answerQuestion(index, '개발자 설문에서 코드 리뷰 도구로 Cursor 비중은 몇 퍼야?'))).toMatch(/^Cursor: 18%/);
  });

  it('takes a date only from a sentence that names the version asked about (Nimbus v2), not the first release’s', () => {
    expect(lead(answerQuestion(index, 'Nimbus 앱은 언제 출시됐어?'))).toMatch(/2026년 2월 5일/);
    expect(answerQuestion(index, 'Nimbus v2는 언제 나와?')).toMatchObject({ kind: 'closest', missing: { focus: 'date' } });
  });

  it('takes a price only from a sentence naming the configuration asked about: the 8GB model’s is not the 16GB one’s', () => {
    expect(lead(answerQuestion(index, 'Zephyr 폰 8GB 모델은 얼마야?'))).toMatch(/499달러/);
    expect(answerQuestion(index, 'Zephyr 폰 16GB 모델은 얼마야?')).toMatchObject({ kind: 'closest', missing: { focus: 'price' } });
  });

  it('reads a Hangul place where an event is held (하코다테에서 진행됩니다) or a thing is (필라델피아에 있는) as the shape of a where-answer', () => {
    expect(hasShape('RubyKaigi 2026은 4월 22-24일 홋카이도 하코다테에서 진행됩니다.', 'place', 'RubyKaigi 2026 어디서 열려?')).toBe(true);
    expect(hasShape('RubyKaigi 2026은 4월 22-24일에 진행됩니다.', 'place', 'RubyKaigi 2026 어디서 열려?')).toBe(false);
    // Or where a thing is (필라델피아에 있는 컴퓨터), not where the question already says (어디에 있는).
    expect(hasShape('대만에서 필라델피아에 있는 컴퓨터에 접속했습니다.', 'place', '어디에 있는 컴퓨터에 접속했대?')).toBe(true);
    expect(hasShape('집 컴퓨터에 접속했습니다.', 'place', '어디에 있는 컴퓨터에 접속했대?')).toBe(false);
  });

  it('takes a figure from a sentence naming no one when its section named the subject before it', () => {
    expect(lead(answerQuestion(index, 'How much in illegal transactions did Vexor record from one POS vendor?'))).toMatch(/355,000달러/);
    // The figure of another section, naming no one either, is not said to be Vexor's.
    expect(lead(answerQuestion(index, 'How much damage did Vexor estimate in other campaigns?'))).not.toMatch(/120,000달러/);
  });

  it('declines a who question whose best sentence brings no name the question does not already say, naming the post it quotes', () => {
    // The post lists the photo with what it shows, not who took it.
    const result = answerQuestion(index, 'Who took the "Night Lamp" photo?');
    expect(result).toMatchObject({ kind: 'closest', missing: { focus: 'person' }, sentence: expect.stringMatching(/^"Night Lamp"/) });
    expect(result.kind === 'closest' && result.closest.title).toMatch(/Orbit 프로토콜/);
  });

  it('does not let the sentence before name the subject of a figure when the figure’s sentence names someone else', () => {
    expect(lead(answerQuestion(index, 'TX-Relay 텔레그램 구독자는 몇 명이야?'))).toMatch(/25,000명/);
    // "Sentra는 TX-Relay, Kobo를 … 확인했습니다. TX-Relay는 … 25,000명": TX-Relay's subscribers, not Kobo's.
    expect(answerQuestion(index, 'Kobo 텔레그램 구독자는 몇 명이야?')).toMatchObject({ kind: 'closest', missing: { focus: 'number' } });
  });

  it('answers who made something only with a lead that says someone made it', () => {
    expect(lead(answerQuestion(index, 'Nimbus 앱은 누가 만들었어?'))).toMatch(/Kuro Labs가 개발한/);
    // The best-matching sentence names Hetzner, which runs the servers: the maker is in another sentence.
    expect(lead(answerQuestion(index, 'Nimbus 메모 동기화 서버는 어느 회사가 만들었어?'))).toMatch(/^Nimbus는 Kuro Labs가 개발한/);
    expect(lead(answerQuestion(index, 'who built nimbus'))).toMatch(/Kuro Labs/);
    // What Orbit stands for, in capitals, is not who made it.
    expect(answerQuestion(index, 'Orbit 프로토콜은 누가 만들었어?')).toMatchObject({ kind: 'closest', missing: { focus: 'person' } });
    expect(answerQuestion(index, 'who invented orbit')).toMatchObject({ kind: 'closest', missing: { focus: 'person' } });
  });

  it('asks an English question again within the posts that write its name when more than a few do, first the one the search ranks first', () => {
    expect(lead(answerQuestion(named, "In Kestrel's randomized trial, how much longer did developers using AI take?"))).toMatch(/19% 더 오래/);
  });

  it('takes a cause from a sentence outside the best passages when it writes the English question’s names itself, not another name’s', () => {
    expect(lead(answerQuestion(named, 'Why does Yolobox process everything in the browser?'))).toMatch(/외부 서버로 전송되지 않는다/);
    expect(answerQuestion(named, 'Why did Kestrel review Yolobox?')).toMatchObject({ kind: 'closest', missing: { focus: 'reason' } });
  });

  it('does not hold a post to the words of a name the glossary translates (City Hall = 시청), and finds its other name in the title written in Hangul (Denver = 덴버)', () => {
    expect(lead(answerQuestion(named, "How much could Denver City Hall's maintenance cost reach now?"))).toMatch(/5억 달러/);
    // Town Hall is no phrase the glossary knows: Town is a name no post writes.
    expect(answerQuestion(named, "How much could Denver Town Hall's maintenance cost reach now?")).toMatchObject({ kind: 'closest', missing: { term: 'Town' } });
  });

  it('holds a post to a name a Korean question writes half in Hangul (챗gpt) as the aliases spell it (ChatGPT)', () => {
    expect(lead(answerQuestion(samples, '챗gpt Responses API에서 원격 MCP 서버 연결돼?'))).toMatch(/원격 MCP 서버를 도구로/);
    expect(answerQuestion(samples, '쳇gpt Responses API에서 원격 MCP 서버 연결돼?')).toMatchObject({ kind: 'closest', missing: { term: '쳇gpt' } });
  });

  it('reads a proportion written in Korean words (절반, 두 배, 수배) as the figure of a how-much question', () => {
    expect(hasShape('디스크 공간 사용량은 절반입니다', 'number')).toBe(true);
    expect(hasShape('pre-commit보다 수배 빠릅니다', 'number')).toBe(true);
    expect(hasShape('배를 타고 두 배낭을 멨습니다', 'number')).toBe(false);
  });

  it('declines an English which-question whose kind (university) the post never writes in any spelling', () => {
    expect(answerQuestion(named, 'which university is the heron soft robot team at?')).toMatchObject({ kind: 'closest', missing: { term: 'university' } });
    expect(lead(answerQuestion(named, 'which university is the egret drone team at?'))).toMatch(/Brightwater/);
  });

  it('reads the consequence of a condition (지정될 경우 …) and a causative (혼란스럽게 만듭니다) as a reason, not any 만들다', () => {
    expect(hasShape('이렇게 지정될 경우 국방부는 AI를 사용하는 기업들이 Anthropic과 거래하지 않게 됩니다.', 'reason')).toBe(true);
    expect(hasShape('경험상 할 일 목록은 일반적으로 모델을 돕기보다 더 혼란스럽게 만듭니다.', 'reason')).toBe(true);
    expect(hasShape('Kuro Labs는 새 메모 앱을 만들었습니다.', 'reason')).toBe(false);
    expect(hasShape('이 경우에도 속도는 같습니다.', 'reason')).toBe(false);
  });

  it('reads what a thing done prevents or lessens (영향을 최소화합니다) as the reason to do it, not the noun 보호', () => {
    expect(hasShape('Rootless Podman은 루트 권한 없이 컨테이너를 실행하여, 컨테이너 탈출 시 영향을 최소화합니다.', 'reason')).toBe(true);
    expect(hasShape('이 옵션은 실수로 인한 삭제를 방지합니다.', 'reason')).toBe(true);
    expect(hasShape('개인정보 보호 정책을 발표했습니다.', 'reason')).toBe(false);
  });

  it('does not end a sentence inside a quotation: the quoted search string after a line announcing it stays whole', () => {
    expect(sentencesOf('다음 문구로 찾을 수 있습니다:\n# 영어\n"Sure! Here\'s an article about"\n목록은 여기서 끝납니다. 다음 문장이 이어집니다.')).toEqual([
      '다음 문구로 찾을 수 있습니다:',
      '"Sure! Here\'s an article about"',
      '목록은 여기서 끝납니다.',
      '다음 문장이 이어집니다.',
    ]);
  });

  it('does not end a sentence at a title before a name: the role written before Dr. stays with the name', () => {
    expect(sentencesOf('공동 주저자인 박사후 연구원 Dr. Ilya Besedin은 결과를 설명합니다. 오류는 계속 수정되었습니다.')).toEqual([
      '공동 주저자인 박사후 연구원 Dr. Ilya Besedin은 결과를 설명합니다.',
      '오류는 계속 수정되었습니다.',
    ]);
  });

  it('gives no passage rank to the summary of a post only the post search found: the body’s step, holding more of the question, answers', () => {
    const summary = 'Larkspur 앱은 설정을 통해 쉽게 쓸 수 있습니다.';
    const body = 'Larkspur 앱은 설치 스크립트를 실행하여 설치합니다.';
    const post = testPost('larkspur-app', `${summary}\n${body}`, {
      sections: [
        { heading: '3줄 요약', text: summary },
        { heading: '설치', text: body },
      ],
    });
    // The index finds no passage; the post search finds the post, which is then read whole.
    const searchOnly = { answer: () => [], search: () => [{ post }] };
    expect(lead(answerQuestion(searchOnly, 'Larkspur 앱은 어떻게 설치해?'))).toMatch(/^Larkspur 앱은 설치 스크립트를/);
  });

  it('takes a date only from a sentence saying the event asked about (계약): the day the company came under pressure is not the day of its contract', () => {
    const others = [testPost('walk', '우리는 천천히 공원을 걸었습니다.')];
    const pressure = testPost('larkspur-contract', 'Larkspur는 2026년 2월 18일, 국방부로부터 압박을 받고 있습니다. 국방부와의 2억 달러 계약이 재검토되고 있습니다.', { title: 'Larkspur 국방부 계약' });
    const signed = testPost('larkspur-signed', 'Larkspur는 2025년 7월 14일 국방부와 계약을 체결했습니다.', { title: 'Larkspur 국방부 계약 체결' });
    expect(answerQuestion(SearchIndex.build([pressure, ...others]), 'Larkspur 국방부 계약 며칠에 맺었어?')).toMatchObject({ kind: 'closest', missing: { focus: 'date' } });
    expect(lead(answerQuestion(SearchIndex.build([signed, ...others]), 'Larkspur 국방부 계약 며칠에 맺었어?'))).toMatch(/7월 14일/);
  });

  it('answers a price question only with the price itself, not with a discount written beside a figure ($100 할인된 가격), unless it asks for the discount', () => {
    const others = [testPost('walk', '우리는 천천히 공원을 걸었습니다.')];
    const deal = testPost('larkspur-deal', 'Amazon에서 Larkspur 태블릿 256GB 모델을 $100 할인된 가격에 판매하고 있습니다.', { title: 'Larkspur 태블릿 할인' });
    const built = SearchIndex.build([deal, ...others]);
    expect(answerQuestion(built, 'Larkspur 태블릿 할인된 가격은 얼마야?')).toMatchObject({ kind: 'closest', missing: { focus: 'price' } });
    expect(answerQuestion(built, "What's the Larkspur tablet's price after the discount?")).toMatchObject({ kind: 'closest', missing: { focus: 'price' } });
    expect(lead(answerQuestion(built, 'Larkspur 태블릿 얼마 할인해?'))).toMatch(/\$100 할인/);
    expect(lead(answerQuestion(built, 'How much is the Larkspur tablet discount?'))).toMatch(/\$100 할인/);
  });

  it('reads a money figure followed by a change (할인, 증가, off) as a change, one followed by anything else (24달러의 저렴한 비용, 정가) as the value', () => {
    const changes = ['13인치 모델을 $100 할인된 가격에 판매합니다.', '매출은 500억 원 증가했습니다.', 'The tablet is $100 off at Amazon.'];
    const values = ['정가 $1,299에서 $100 할인된 가격에 판매합니다.', '월 24달러의 저렴한 비용으로 이용 가능했습니다.'];
    expect([...changes, ...values].filter((sentence) => givesOnlyChange('amount', sentence))).toEqual(changes);
    // A percentage is no money figure: a number question's change is not read so.
    expect(givesOnlyChange('number', '합병증이 71% 감소했습니다.')).toBe(false);
  });

  it('asks no post for a Korean word the posts holding it never write with a case particle (미리), but still for a noun (정원이, 정원을)', () => {
    const others = [
      testPost('walk', '우리는 미리 천천히 걸었습니다. 정원이 넓었습니다.'),
      testPost('late', '그는 미리 도착했습니다. 정원을 둘러봤습니다.'),
    ];
    const store = testPost('larkspur-store', 'Larkspur 스토어는 2019년에 문을 열었습니다.');
    const built = SearchIndex.build([store, ...others]);
    expect(lead(answerQuestion(built, 'Larkspur 스토어는 미리 문을 몇 년에 열었어?'))).toMatch(/^Larkspur 스토어는 2019년에/);
    expect(answerQuestion(built, 'Larkspur 스토어는 정원 문을 몇 년에 열었어?')).toMatchObject({ kind: 'closest', missing: { term: '정원' } });
  });

  it('asks no post for a Korean word that no post writes as a word: only inside a longer one (노리 in 모노리스) or by its bigrams (잡아, 아내)', () => {
    const others = [testPost('ruby', '이 서비스는 거대한 모노리스 구조입니다.'), testPost('family', '그는 잡아 둔 물고기를 아내에게 주었습니다.')];
    const store = testPost('larkspur-store', 'Larkspur 스토어는 2019년에 문을 열었습니다.');
    const built = SearchIndex.build([store, ...others]);
    expect(lead(answerQuestion(built, 'Larkspur 스토어가 노리는 손님 문은 몇 년에 열었어?'))).toMatch(/^Larkspur 스토어는 2019년에/);
    expect(lead(answerQuestion(built, 'Larkspur 스토어 문 여는 해는 어떻게 잡아내?'))).toMatch(/^Larkspur 스토어는 2019년에/);
  });

  it('holds a post to a Korean word it writes as another word of the same English (폴더 → folder → 디렉토리), but not to one of other English', () => {
    const others = [testPost('files', '폴더를 정리하면 파일을 찾기 쉽습니다.'), testPost('desk', '바탕화면 폴더가 가득 찼습니다.'), testPost('garden', '정원을 가꾸는 방법입니다.')];
    const watcher = testPost('larkspur-watch', 'Larkspur는 디렉토리마다 해시를 비교하여 바뀐 파일을 찾아낼 수 있습니다.');
    const built = SearchIndex.build([watcher, ...others]);
    expect(lead(answerQuestion(built, 'Larkspur는 폴더에서 바뀐 파일을 어떻게 찾아?'))).toMatch(/^Larkspur는 디렉토리마다 해시를 비교하여/);
    expect(answerQuestion(built, 'Larkspur는 정원에서 바뀐 파일을 어떻게 찾아?')).toMatchObject({ kind: 'closest', missing: { term: '정원' } });
  });

  it('asks no post for one syllable with a particle the analyzer keeps on (앱도) that a post writes without a case particle, but still for a noun (인도의)', () => {
    const others = [testPost('ban', '학교는 모바일 앱도 금지했습니다.'), testPost('trade', '인도의 시장은 큽니다.')];
    const store = testPost('larkspur-store', 'Larkspur 스토어는 2019년에 문을 열었습니다.');
    const built = SearchIndex.build([store, ...others]);
    expect(lead(answerQuestion(built, 'Larkspur 스토어 앱도 문은 몇 년에 열었어?'))).toMatch(/^Larkspur 스토어는 2019년에/);
    expect(answerQuestion(built, 'Larkspur 스토어 인도 매장은 몇 년에 열었어?')).toMatchObject({ kind: 'closest', missing: { term: '인도' } });
  });

  it('asks a question whose closing predicate a post of something else writes (좋아 in 좋아요 버튼) again without it', () => {
    // 프롬프트 and 지침 are common, 좋아 rare: the post search wants 좋아, which no passage that
    // answers holds, and no passage holds half the question's words with it.
    const others = ['"좋아요" 버튼과 공유 기능만으로도 충분합니다. 좋아요 수가 계속 늘었습니다.', '이 키보드는 타건감이 좋아 보입니다.', '에이전트의 프롬프트는 지침을 담습니다.', '스킬 파일은 프롬프트에 지침을 더합니다.', '모델은 프롬프트의 지침을 따릅니다.'];
    const answering = testPost('prompt-debt', '프롬프트에 지침을 계속 추가하면 상충되는 지침이 생기기 때문에 모델이 혼란스러워집니다.', { title: '프롬프트 기술 부채' });
    const built = SearchIndex.build([answering, ...others.map((text, i) => testPost(`other-${i}`, text))]);
    expect(lead(answerQuestion(built, '프롬프트에 지침을 계속 덧붙이면 왜 안 좋아?'))).toMatch(/상충되는 지침/);
  });

  it('writes apart a compound the index lacks but whose halves it holds (진행상황 → 진행 상황), for the posts that write them side by side', () => {
    const apart = testPost('doom', '세션을 종료할 때마다 진행 상황을 기록합니다.');
    const scattered = testPost('agent', '세션 진행 중 모든 상황을 기록합니다.');
    // 진행 상황 side by side, but not the question's other topic word (세션): about something else.
    const elsewhere = testPost('report', '공사 진행 상황을 매주 보고합니다.');
    const built = SearchIndex.build([apart, scattered, elsewhere]);
    const spaced = withCompoundsApart(built, readQuestion('세션 끝나면 진행상황은 어떻게 기록해?'), undefined);
    expect(spaced?.text).toBe('세션 끝나면 진행 상황은 어떻게 기록해?');
    expect([apart, scattered, elsewhere].filter((post) => spaced!.filter(post))).toEqual([apart]);
    expect(withCompoundsApart(built, readQuestion('세션 진행 상황은 어떻게 기록해?'), undefined)).toBeUndefined();
  });

  it('reads two lower-case words of an English question as a name when the posts write them capitalized together (applied digital: Applied Digital은)', () => {
    const texts = [
      'Applied Digital은 과거 하우드(Harwood)에서 지역 주민들의 반대에 직면했습니다.',
      '컨테이너는 applied-caas-gateway 프록시를 씁니다. 디지털 서명을 run 명령으로 확인합니다.',
      'signal boost 기능은 lowercase로 씁니다. 이 signal boost 방식은 흔합니다.',
      'Claude Code는 할 일 목록을 씁니다.',
    ];
    const built = SearchIndex.build(texts.map((text, i) => testPost(`post-${i}`, text)));
    const names = (question: string): string[] => answerQuestion(built, question).question.names.map((name) => name.term);
    expect(names('where did applied digital run into local resistance before?')).toEqual(['applied', 'digital']);
    // Written in small letters in the posts: ordinary words.
    expect(names('what does signal boost do?')).toEqual([]);
    // A name the aliases spell already (Claude Code): its ordinary word (code) stays ordinary.
    expect(names('does claude code keep a todo list?')).not.toContain('code');
  });

  it('leaves a word naming the kind of answer (사무실) out of the narrower searches: the post that answers writes 오피스, and the word is rarest', () => {
    const built = SearchIndex.build([
      testPost('anthropic-india', 'Anthropic은 인도 벵갈루루(Bengaluru)에 새 오피스를 엽니다.', { title: 'Anthropic, 인도 진출' }),
      testPost('anthropic-model', 'Anthropic은 새 모델을 공개했습니다. 인도의 개발자들도 씁니다.'),
      testPost('anthropic-funding', 'Anthropic은 투자를 받았습니다. 인도에서 투자자도 참여했습니다.'),
      testPost('anthropic-safety', 'Anthropic은 안전 연구를 발표했습니다. 인도 정부도 관심을 보였습니다.'),
      testPost('work', '주 4일 근무로 사무실 출근이 줄었습니다.'),
    ]);
    expect(lead(answerQuestion(built, '앤트로픽 인도에 사무실 낸다던데 어느 도시야?'))).toMatch(/벵갈루루/);
  });

  it('takes a figure about the post’s subject from a sentence naming in Latin letters what the question writes in Hangul (프로메테우스: Prometheus)', () => {
    const lines = ['Kubernetes 모드에서는 Prometheus가 모든 파드의 메트릭을 5초마다 수집합니다.'];
    expect(lead(answerOver(lines, 'AV Orbix: 영상 부하 테스트 도구', 'av 오빅스 쿠버네티스 모드에서 프로메테우스가 메트릭 몇초마다 긁어감?'))).toMatch(/5초마다/);
  });

  it('holds a specific English word of a number and ordinary words (under-16) by its number, not a name beside one', () => {
    const ban = testPost('larkspur-ban', 'Larkspur 재단은 호주가 시행한 16세 미만 아동에 대한 소셜 미디어 금지를 지지합니다.');
    const other = testPost('larkspur-garden', 'Larkspur 정원은 2019년에 문을 열었습니다.');
    const built = SearchIndex.build([ban, other]);
    expect(lead(answerQuestion(built, 'which country’s under-16 social media ban does larkspur support?'))).toMatch(/호주가 시행한 16세 미만/);
    // Another number is another word: the post's 16 is not 18.
    expect(answerQuestion(built, 'which country’s under-18 social media ban does larkspur support?')).toMatchObject({ kind: 'closest', missing: { term: 'under-18' } });
  });

  it('holds a number of an English question written with a Latin unit glued on in the post (CSI ?2026h)', () => {
    const post = testPost('larkspur-tui', '깜빡임을 방지하기 위해 Larkspur는 모든 렌더링을 이스케이프 시퀀스(CSI ?2026h)로 감쌉니다.');
    const built = SearchIndex.build([post, testPost('larkspur-garden', 'Larkspur 정원은 넓습니다.')]);
    expect(lead(answerQuestion(built, 'why does larkspur wrap every render in CSI ?2026 escape sequences?'))).toMatch(/^깜빡임을 방지하기 위해/);
    expect(answerQuestion(built, 'why does larkspur wrap every render in CSI ?2027 escape sequences?')).toMatchObject({ kind: 'closest', missing: { term: '2027' } });
  });

  it('holds a Latin word a question writes in small letters by the vocabulary’s Korean for it (signal → 신호), though other posts capitalize it as a name (Signal)', () => {
    const search = testPost('larkspur-search', '결과를 사람이 아닌 모델이 읽기 때문에, Larkspur 검색에서는 클릭 신호가 작동하지 않습니다.');
    const app = testPost('messenger', 'Signal 앱은 종단간 암호화를 씁니다. Signal은 비영리 재단이 만듭니다.');
    const built = SearchIndex.build([search, app]);
    expect(lead(answerQuestion(built, 'do click signals work for larkspur search?'))).toMatch(/클릭 신호가 작동하지 않습니다/);
    // Capitalized, the word is the name, which the search post does not write.
    expect(answerQuestion(built, 'do click Signal ads work for larkspur search?')).toMatchObject({ kind: 'closest', missing: { term: 'Signal' } });
  });

  it('asks again by its parts a number joined to a word that no post holds (202-pound: the post writes 202파운드)', () => {
    const snake = testPost('snake', '202파운드 python은 Big Cypress 보호구역에서 잡혔습니다.');
    const code = [1, 2, 3, 4].map((n) => testPost(`code-${n}`, `Python ${n}.0 버전은 새 문법을 지원합니다.`));
    const built = SearchIndex.build([snake, ...code]);
    expect(lead(answerQuestion(built, 'Where was the 202-pound python caught?'))).toMatch(/Big Cypress/);
  });

  it('leaves a sentence holding none of the question’s words only its rank, whatever its shape (목표 설정을 통해)', () => {
    const other = '다른 조직은 명확한 목표 설정을 통해 가치를 실현합니다.';
    const answer = 'Larkspur 팀은 온보딩 시간을 열 번째 PR까지의 시간으로 측정합니다.';
    const post = testPost('larkspur-onboarding', `${other}\n${answer}`, { title: 'Team notes' });
    const passages = [{ post, heading: '본문', text: other, score: 1 }];
    expect(candidatesOf(readQuestion('Larkspur 온보딩 시간은 어떻게 쟀어?'), passages, [post])[0]!.sentence).toBe(answer);
  });

  it('reads an amount in rupees as money (₹2.5M, 300만 루피)', () => {
    expect(hasShape('연봉은 ₹2.5M - ₹3.5M INR 수준입니다', 'amount')).toBe(true);
    expect(hasShape('월 300만 루피를 받습니다', 'price')).toBe(true);
  });

  it('reads no figure in the digits of a name (EC2, NIP-07, GPT-4o, x86)', () => {
    expect(hasShape('Amazon EC2: 오픈소스 소형 모델 배포', 'number')).toBe(false);
    expect(hasShape('NIP-07/NIP-47 구현체와 GPT-4o, x86 빌드', 'number')).toBe(false);
    expect(hasShape('2,900개 이상의 프로젝트', 'number')).toBe(true);
    expect(hasShape('iOS 26에서 5G 지원', 'number')).toBe(true);
  });

  it('sees an English question’s words in a Korean sentence through the vocabulary (quit → 사임)', () => {
    expect(lead(answerQuestion(english, 'how many people quit the larkspur team?'))).toMatch(/^Larkspur 직원 2명이 지난달 사임했습니다/);
  });

  it('asks an English question again in the vocabulary’s Korean words, and ranks what that finds in the posts found first (quit → 사임)', () => {
    const people = 'Larkspur 직원 2명이 지난달 사임했습니다.';
    const docs = testPost('larkspur-docs', 'Larkspur 문서 분량은 12% 늘었습니다.');
    const servers = testPost('larkspur-servers', 'Larkspur 서버 오류는 40% 줄었습니다.');
    const news = testPost('larkspur-news', `올해 Larkspur 기여자 3명이 새로 합류했습니다.\n${people}`);
    const posts = [docs, servers, news];
    // An index whose passages for the English words miss the one that says who quit, in a post
    // ranked below the two read whole, as the real one does when a post shares only the names.
    const passage = (post: Post, text = post.text) => ({ post, heading: '본문', text, score: 1 });
    // A passage answers the Korean query when it holds half its words, as the real index asks:
    // 담당자 and 인력, the vocabulary's first words for "staff", are in no post.
    const holdsHalf = (query: string, text: string) => {
      const words = query.toLowerCase().split(' ');
      return words.filter((word) => text.toLowerCase().includes(word)).length * 2 >= words.length;
    };
    const translatedIndex = {
      answer: (query: string, options: { filter?: (post: Post) => boolean } = {}) =>
        (/[가-힣]/.test(query) ? [passage(news, people)].filter(({ text }) => holdsHalf(query, text)) : [passage(docs), passage(servers), passage(news, news.text.split('\n')[0])]).filter(
          ({ post }) => options.filter?.(post) ?? true,
        ),
      search: (query: string) => posts.filter((post) => post.text.toLowerCase().includes(query.toLowerCase())).map((post) => ({ post })),
    };
    expect(lead(answerQuestion(translatedIndex, 'how many staff quit larkspur last month?'))).toMatch(/^Larkspur 직원 2명이 지난달 사임/);
  });

  it('weighs an English question’s words above the rank of the passage: the summary’s figure holds fewer of them', () => {
    const summary = larkspur.sections[0]!;
    const passages = [{ post: larkspur, heading: summary.heading, text: summary.text, score: 1 }];
    expect(candidatesOf(readQuestion('how many larkspur staff quit suddenly?'), passages, [larkspur])[0]!.sentence).toMatch(/^Larkspur 직원 2명/);
  });

  it('declines an English question without names when the best passages’ date sentence holds none of its words', () => {
    expect(answerQuestion(english, 'when did crumb first open?')).toMatchObject({ kind: 'closest', missing: { focus: 'date' } });
  });

  /** The coverage of the best candidate sentence of a one-passage post holding `text`. */
  const coverageIn = (question: string, text: string): number => {
    const post = testPost('larkspur-news', text);
    return candidatesOf(readQuestion(question), [{ post, heading: '본문', text, score: 1 }], [post])[0]!.coverage;
  };

  it('does not see a word with many vocabulary senses (work: 작동, 직장, 작품 …) in a sentence holding one of them', () => {
    // larkspur is held; staff (직원) is not; work is too general to count.
    expect(coverageIn('how many larkspur staff work?', 'Larkspur 직장 동료 2명이 사무실을 옮겼습니다.')).toBeCloseTo(1 / 3);
  });

  it('counts the vocabulary lines that are forms of one Korean word as one sense (generate: 생성, 생성되는지, 생성되었 … are three senses, not ten)', () => {
    // larkspur and generated (생성) are held; generate has ten lines, of 발생, 생성 and 창출.
    expect(coverageIn('did larkspur generate images?', 'Larkspur 이미지는 AI로 생성되었습니다.')).toBeGreaterThan(coverageIn('did larkspur generate images?', 'Larkspur 이미지는 AI로 그렸습니다.'));
  });

  it('sees a plural in -is that the analyzer keeps whole through its singular’s vocabulary line (nazis → nazi = 나치)', () => {
    // larkspur is held, and nazis through 나치; flee is not.
    expect(coverageIn('did larkspur flee the nazis?', 'Larkspur 가족은 나치의 점령을 겪었습니다.')).toBeGreaterThan(coverageIn('did larkspur flee the nazis?', 'Larkspur 가족은 점령을 겪었습니다.'));
  });

  it('sees a vocabulary word in a form the stemmer leaves whole (team: 팀 written 팀도)', () => {
    // larkspur is held, move is not; 팀도 counts as a vocabulary word.
    expect(coverageIn('did the larkspur team move?', 'Larkspur 팀도 사무실을 옮겼습니다.')).toBeCloseTo(1.5 / 3);
    expect(coverageIn('did the larkspur team move?', 'Larkspur 사무실을 옮겼습니다.')).toBeCloseTo(1 / 3);
  });

  it('sees an English form with a vocabulary line of its own through its base form’s line too (automatically = 알아서, automatic = 자동)', () => {
    const question = 'did larkspur restart automatically?';
    expect(coverageIn(question, 'Larkspur 서버는 자동으로 재시작했습니다.')).toBeGreaterThan(coverageIn(question, 'Larkspur 서버는 재시작했습니다.'));
  });

  it('sees a Korean question’s word, at a lower weight, in a sentence writing a word of the same English (근로자 → employee → 직원)', () => {
    // larkspur and 사임 are held; 근로자 counts half, through the vocabulary's employee.
    expect(coverageIn('Larkspur 근로자 몇 명이 사임했어?', 'Larkspur 직원 2명이 사임했습니다.')).toBeCloseTo(2.5 / 3);
  });

  it('answers an English count question only with a sentence counting what it asks to count', () => {
    expect(lead(answerQuestion(english, 'how many staff quit larkspur?'))).toMatch(/^Larkspur 직원 2명/);
    expect(answerQuestion(english, 'how many engineers quit larkspur?')).toMatchObject({ kind: 'closest', missing: { focus: 'number' } });
  });

  it('answers an English figure or date question only with a sentence saying which figure it gives (budget → 예산, founded → 설립)', () => {
    expect(lead(answerQuestion(english, "what is larkspur's budget?"))).toMatch(/^올해 Larkspur 예산은 5만 달러/);
    expect(answerQuestion(english, 'how much did larkspur spend this year?')).toMatchObject({ kind: 'closest', missing: { focus: 'amount' } });
    expect(lead(answerQuestion(english, 'when was the larkspur foundation founded?'))).toMatch(/^Larkspur 재단은 2019년에 설립/);
    expect(answerQuestion(english, 'when was larkspur acquired?')).toMatchObject({ kind: 'closest', missing: { focus: 'date' } });
  });

  it('answers an English question of how much something cut only with a sentence writing every word of what was cut', () => {
    expect(lead(answerQuestion(english, 'how much did larkspur cut server errors?'))).toMatch(/^Larkspur 서버 오류는 40% 줄었습니다/);
    // 문서 and 오류 are written, each in another sentence: neither says how much document errors fell.
    expect(answerQuestion(english, 'how much did larkspur cut document errors?')).toMatchObject({ kind: 'closest', missing: { focus: 'number' } });
  });

  it('sees what an English figure question measures inside a Korean compound (사망 in 사망률)', () => {
    const clinic = SearchIndex.build([testPost('larkspur-clinic', 'Larkspur 진료소 덕분에 신생아 사망률은 18% 줄었습니다.', { title: 'Larkspur 진료소' })]);
    expect(lead(answerQuestion(clinic, 'by how much did the larkspur clinic cut newborn deaths?'))).toMatch(/사망률은 18%/);
  });

  it('answers an English question asking a total only with a sentence saying a total (총 40명), not a count of some', () => {
    expect(lead(answerQuestion(english, 'how many contributors does larkspur have in total?'))).toMatch(/^Larkspur 기여자는 이제 총 40명/);
    expect(answerQuestion(english, 'how many staff does larkspur have in total?')).toMatchObject({ kind: 'closest', missing: { focus: 'number' } });
  });

  it('takes a sentence giving the measure’s unit to say the measure (1366×768 디스플레이 for 해상도)', () => {
    const lines = ['Larkspur 노트북은 2014년형 ThinkPad T440입니다.', '해당 노트북의 사양은 Intel Core i5, 4GB RAM, 그리고 1366×768 디스플레이입니다.'];
    expect(lead(answerOver(lines, 'Larkspur 노트북', 'T440 화면 해상도 몇이었어?'))).toMatch(/1366×768/);
    // No figure in the unit of a resolution: the 4GB is no answer.
    expect(answerOver(['Larkspur 노트북은 2014년형 ThinkPad T440입니다.', '해당 노트북의 사양은 Intel Core i5, 4GB RAM입니다.'], 'Larkspur 노트북', 'T440 화면 해상도 몇이었어?')).toMatchObject({ kind: 'closest' });
  });

  it('gives the figure of the sentence whose subject is the thing asked about, not of one naming it as the object', () => {
    const lines = ['Larkspur가 Globex를 조롱한 광고 이후 일일 사용자 11% 증가를 기록했습니다.', '같은 기간 Globex는 2.7%의 일일 사용자 증가를 보였습니다.'];
    expect(lead(answerOver(lines, 'Larkspur, 광고로 일일 사용자 11% 급증', '광고 나가고 Globex 일일 사용자는 몇 퍼 늘었어?'))).toMatch(/^같은 기간 Globex는 2\.7%/);
  });

  it('reads a relative year from the post’s date: 올해 in a post of 2026 is 2026년', () => {
    const larkspur = testPost('larkspur-commits', '현재 Larkspur는 공개 커밋의 약 4%를 작성합니다. Larkspur는 2026년 말까지 공개 커밋의 20%를 넘어설 것으로 전망됩니다.', { title: 'Larkspur 커밋' });
    // Another post writes 올해 and 내년 themselves, so the blog uses both words.
    const globex = testPost('globex-plans', 'Globex는 올해와 내년의 채용 계획을 발표했습니다.', { title: 'Globex 계획' });
    const posts = SearchIndex.build([larkspur, globex]);
    expect(lead(answerQuestion(posts, 'Larkspur 올해 말쯤 공개 커밋 몇 퍼 쓸 거래?'))).toMatch(/^Larkspur는 2026년 말까지/);
    // Next year's figure is not in the post: 내년 names 2027.
    expect(answerQuestion(posts, 'Larkspur 내년 말쯤 공개 커밋 몇 퍼 쓸 거래?')).toMatchObject({ kind: 'closest', missing: { term: '내년' } });
  });

  it('does not answer a version with a lead about another version of its name', () => {
    const lines = ['Ruby 4.0은 2025년 12월 25일 출시되었습니다.', 'Ruby 코어 팀은 Ruby 4.1의 ZJIT을 기대하라고 말했습니다.'];
    expect(answerOver(lines, 'Ruby 4.0 출시', '루비 4.1은 언제 나와?')).toMatchObject({ kind: 'closest', missing: { term: '루비 4.1' } });
    expect(lead(answerOver(lines, 'Ruby 4.0 출시', '루비 4.0은 언제 나왔어?'))).toMatch(/12월 25일/);
  });

  it('takes a post to lack a version it writes only as a number of something else', () => {
    // The post holds 3.1 (Rust's) and Ruby (4.0); its answering sentence names neither Ruby version.
    const lines = ['Ruby 4.0이 12월 25일 출시되었습니다.', 'ZJIT은 --zjit 플래그로 켤 수 있으며 Rust 3.1 이상이 필요합니다.'];
    expect(answerOver(lines, 'Ruby 4.0 출시', 'Ruby 3.1에서 ZJIT 어떻게 켜?')).toMatchObject({ kind: 'closest', missing: { term: 'Ruby 3.1' } });
    expect(lead(answerOver(lines, 'Ruby 4.0 출시', 'Ruby 4.0에서 ZJIT 어떻게 켜?'))).toMatch(/--zjit/);
  });
});

describe('a name the question spells otherwise than the post', () => {
  const lines = ['Ruby on Rails 창시자이자 37 Signals의 공동 창업자인 David Heinemeier Hansson이 팟캐스트에서 AI 코딩 도구에 대한 견해를 밝혔습니다.'];

  it('holds a number glued to a Hangul name (37시그널즈) in a post writing the name in Latin letters (37 Signals)', () => {
    expect(answerOver(lines, 'Rails 창시자 인터뷰', '37시그널즈 공동 창업자는 누구야?').kind).toBe('answer');
    expect(answerOver(lines, 'Rails 창시자 인터뷰', '47시그널즈 공동 창업자는 누구야?').kind).not.toBe('answer');
  });

  it('holds initials (DHH) in a post writing the name they stand for, as the aliases spell it out', () => {
    expect(answerOver(lines, 'Rails 창시자 인터뷰', 'DHH는 AI 코딩 도구에 대해 뭐라고 했어?').kind).toBe('answer');
    expect(answerOver(['Ruby on Rails 창시자 Hansson이 팟캐스트에서 AI 코딩 도구에 대한 견해를 밝혔습니다.'], 'Rails 창시자 인터뷰', 'DHH는 AI 코딩 도구에 대해 뭐라고 했어?').kind).not.toBe('answer');
  });
});
