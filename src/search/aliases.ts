/**
 * Cross-language aliases: 엔비디아 ⇄ Nvidia, 데이터센터 ⇄ data center, 보안 ⇄ security.
 *
 * An alias table is a list of groups; every member of a group finds the others. Groups are not
 * merged with each other (no transitive closure), so one loose mined pair cannot chain two
 * unrelated groups together.
 *
 * Text format (used by {@link parseAliasText}, the built-in table and `loadAliasFile`): one
 * group per line, `term = alias, alias, ...`; `#` starts a comment; blank lines are ignored.
 * Multi-word terms are fine (`data center = 데이터센터, 데이터 센터`).
 *
 * @example
 * ```text
 * # my-aliases.txt
 * 엔비디아 = nvidia, 앤비디아
 * 라즈베리파이 = raspberry pi, rpi
 * ```
 */
import type { Post } from '../posts/types.ts';
import { analyzeWords, normalize, type Word } from './analyzer.ts';

/** One group of terms that mean the same thing. Order does not matter. */
export type AliasGroup = readonly string[];
/** A list of alias groups. */
export type AliasTable = readonly AliasGroup[];

/** A line that is not `term = alias, alias`. */
export class AliasSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`aliases: ${file}:${line}: ${reason}`);
    this.name = 'AliasSyntaxError';
  }
}

/**
 * Parses the alias text format. `source` names the text in errors (a file path, `built-in`).
 * Throws {@link AliasSyntaxError} with the line number on the first bad line.
 */
export function parseAliasText(text: string, source: string): AliasTable {
  const groups: string[][] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const lineNumber = index + 1;
    const equals = line.indexOf('=');
    if (equals < 0) throw new AliasSyntaxError(source, lineNumber, `expected "term = alias, alias", found "${line}"`);
    const term = line.slice(0, equals).trim();
    const aliases = line
      .slice(equals + 1)
      .split(',')
      .map((alias) => alias.trim());
    if (!term) throw new AliasSyntaxError(source, lineNumber, 'the term before "=" is empty');
    if (aliases.some((alias) => !alias)) throw new AliasSyntaxError(source, lineNumber, 'an alias after "=" is empty');
    groups.push([term, ...aliases]);
  });
  return groups;
}

/** Joins tables, dropping groups that repeat an earlier one. */
export function mergeAliases(...tables: readonly (AliasTable | undefined)[]): AliasTable {
  const seen = new Set<string>();
  const merged: AliasGroup[] = [];
  for (const table of tables) {
    for (const group of table ?? []) {
      const key = group.map((member) => normalize(member)).sort().join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(group);
    }
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------
// Compiled lookup

/** An alternative spelling of a query phrase: all of these terms must match. */
export type AliasAlternative = readonly string[];

/** Alias groups compiled for lookup by the analyzed form of a phrase. */
export interface AliasLookup {
  /** Alternatives for the phrase made of these words (one to three words), or undefined. */
  find(words: readonly Word[]): readonly AliasAlternative[] | undefined;
}

/** Keys of a phrase: its terms joined without spaces, and the same with the last word's surface. */
function phraseKeys(words: readonly Word[]): string[] {
  if (words.length === 0) return [];
  const head = words.slice(0, -1).map((word) => word.term).join('');
  const last = words[words.length - 1]!;
  return [head + last.term, ...last.variants.slice(0, 1).map((variant) => head + variant)];
}

/** The longest phrase (in words) the lookup tries. */
export const MAX_ALIAS_WORDS = 3;

/**
 * Collects alias groups into a lookup, group by group (so that a build can add the pairs mined
 * from each post as it goes, without one long pause at the end).
 */
export class AliasLookupBuilder implements AliasLookup {
  private readonly byKey = new Map<string, AliasAlternative[]>();
  private readonly seenGroups = new Set<string>();

  /** Adds every group of a table; a group already added is skipped. */
  add(table: AliasTable): this {
    for (const group of table) this.addGroup(group);
    return this;
  }

  find(words: readonly Word[]): readonly AliasAlternative[] | undefined {
    for (const key of phraseKeys(words)) {
      const found = this.byKey.get(key);
      if (found && found.length > 0) return found;
    }
    return undefined;
  }

  private addGroup(group: AliasGroup): void {
    const groupKey = group.map((member) => normalize(member)).sort().join('\u0000');
    if (this.seenGroups.has(groupKey)) return;
    this.seenGroups.add(groupKey);
    const members = group.map((member) => analyzeWords(member)).filter((words) => words.length > 0 && words.length <= MAX_ALIAS_WORDS);
    for (const member of members) {
      const alternatives = members.filter((other) => other !== member).map((other) => other.map((word) => word.term));
      for (const key of phraseKeys(member)) {
        const list = this.byKey.get(key) ?? [];
        for (const alternative of alternatives) {
          if (!list.some((existing) => existing.join(' ') === alternative.join(' '))) list.push(alternative);
        }
        this.byKey.set(key, list);
      }
    }
  }
}

/** Compiles a table for lookup. */
export function compileAliases(table: AliasTable): AliasLookup {
  return new AliasLookupBuilder().add(table);
}

// ---------------------------------------------------------------------------------------------
// Mining `한글(English)` and `English(한글)` pairs from posts

const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/;
/** `가상 스레드(Virtual Threads)`: up to three Korean words, then English in parentheses. */
const KOREAN_THEN_ENGLISH = /((?:[\uAC00-\uD7A3]+ ){0,2}[\uAC00-\uD7A3]+)\s?\(([A-Za-z][A-Za-z0-9.+#\- ]{1,40})\)/g;
/** `Project Loom(프로젝트 룸)`: up to three English words, then Korean in parentheses. */
const ENGLISH_THEN_KOREAN = /((?:[A-Za-z][A-Za-z0-9.+#\-]* ){0,2}[A-Za-z][A-Za-z0-9.+#\-]*)\s?\(([\uAC00-\uD7A3]+(?: [\uAC00-\uD7A3]+){0,2})\)/g;

/** Characters that may stand between a pair's first half and its `(`: Hangul words, or English ones. */
const KOREAN_RUN = /[\uAC00-\uD7A3 ]/;
const ENGLISH_RUN = /[A-Za-z0-9.+#\- ]/;
const WHITESPACE = /\s/;

/**
 * The matches of a pair pattern (global, ending in `(...)`), found by running it only on the
 * stretch of text before and inside each parenthesis. Same matches as `text.matchAll(pattern)`:
 * a match is words made of `run` characters, one optional space, `(`, then no `(` or `)` up to
 * the first `)`. Scanning the whole text instead tried the pattern at every character and cost
 * more than the rest of the analysis of a post.
 */
function* pairMatches(text: string, pattern: RegExp, run: RegExp): Generator<RegExpMatchArray> {
  let open = text.indexOf('(');
  while (open >= 0) {
    const close = text.indexOf(')', open);
    if (close < 0) return;
    let start = open;
    if (start > 0 && WHITESPACE.test(text[start - 1]!)) start--;
    while (start > 0 && run.test(text[start - 1]!)) start--;
    yield* text.slice(start, close + 1).matchAll(pattern);
    // Every `(` up to `close` was inside this stretch.
    open = text.indexOf('(', close + 1);
  }
}

/** Ends of verbs that the stemmer keeps but that never end a term (되었고, 있으며, 바뀌었다). */
const VERB_ENDING = /(었고|았고|였고|하고|되고|이고|면서|지만|는데|니다|었다|았다|였다|한다|된다|며)$/;

/**
 * Keeps the Korean words that belong to the term: reading right to left from the parenthesis,
 * stop at a word that carries a particle or an ending (`이 기능은 가상 스레드` → `가상 스레드`).
 */
function termWords(koreanPhrase: string): string[] {
  const words = koreanPhrase.split(' ');
  const kept: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const analyzed = analyzeWords(words[i]!);
    const word = analyzed[0];
    if (analyzed.length !== 1 || !word || word.term !== words[i] || VERB_ENDING.test(words[i]!)) break;
    kept.unshift(words[i]!);
  }
  return kept;
}

function plausiblePair(korean: string, english: string): boolean {
  const englishWords = english.trim().split(/\s+/);
  if (englishWords.length > 4 || english.length < 2) return false;
  // An abbreviation explains a phrase of several words, not the last one: 대규모 언어 모델(LLM) is fine, 모델(LLM) is not.
  const koreanWords = korean.split(' ');
  const isAbbreviation = /^[A-Z0-9]{2,6}s?$/.test(english.trim());
  if (isAbbreviation && koreanWords.length === 1 && korean.length < 4) return false;
  if (!isAbbreviation && Math.abs(englishWords.length - koreanWords.length) > 1) return false;
  return analyzeWords(english).length > 0 && analyzeWords(korean).length > 0;
}

/**
 * Mines `한글(English)` and `English(한글)` pairs from the posts' text (e.g. `가상 스레드(Virtual
 * Threads)`), filtered so that sentence fragments and explanations in parentheses stay out.
 * A pair must appear in at least `minPosts` posts, or be mined from a title, summary or tag.
 */
export function mineAliasPairs(posts: readonly Post[], minPosts = 1): AliasTable {
  const counts = new Map<string, { pair: [string, string]; posts: Set<string> }>();
  const record = (korean: string, english: string, postId: string) => {
    const cleanKorean = korean.trim();
    const cleanEnglish = english.trim().replace(/[.\-]+$/, '');
    if (!cleanKorean || !cleanEnglish || !plausiblePair(cleanKorean, cleanEnglish)) return;
    const key = `${normalize(cleanKorean)}\u0000${normalize(cleanEnglish)}`;
    const entry = counts.get(key) ?? { pair: [cleanKorean, cleanEnglish], posts: new Set<string>() };
    entry.posts.add(postId);
    counts.set(key, entry);
  };
  for (const post of posts) {
    const texts = [post.title, ...post.summary, post.description ?? '', ...post.sections.map((section) => `${section.heading}\n${section.text}`)];
    for (const text of texts) {
      for (const match of pairMatches(text, KOREAN_THEN_ENGLISH, KOREAN_RUN)) {
        const korean = termWords(match[1]!).join(' ');
        if (korean && korean.split(' ').every((word) => HANGUL_WORD.test(word))) record(korean, match[2]!, post.id);
      }
      for (const match of pairMatches(text, ENGLISH_THEN_KOREAN, ENGLISH_RUN)) {
        const korean = match[2]!;
        const englishWords = match[1]!.split(' ');
        // As many English words as there are Korean words: `Project Loom(프로젝트 룸)`.
        const english = englishWords.slice(-korean.split(' ').length).join(' ');
        if (termWords(korean).join(' ') === korean) record(korean, english, post.id);
      }
    }
  }
  return [...counts.values()].filter((entry) => entry.posts.size >= minPosts).map((entry) => entry.pair);
}

// ---------------------------------------------------------------------------------------------
// The built-in table

const BUILTIN_TEXT = `
# Companies and products
nvidia = 엔비디아, 앤비디아
openai = 오픈ai, 오픈에이아이
anthropic = 앤트로픽, 엔트로픽
claude = 클로드
claude code = 클로드 코드, 클로드코드
google = 구글
apple = 애플
microsoft = 마이크로소프트, 마소, ms
meta = 메타
amazon = 아마존
aws = 아마존 웹 서비스, amazon web services
samsung = 삼성, 삼성전자
intel = 인텔
amd = 에이엠디
tsmc = 대만 반도체 제조, 티에스엠씨
mediatek = 미디어텍
qualcomm = 퀄컴
ibm = 아이비엠
oracle = 오라클
netflix = 넷플릭스
tesla = 테슬라
spacex = 스페이스x
x = 트위터, twitter
facebook = 페이스북
instagram = 인스타그램
whatsapp = 왓츠앱
telegram = 텔레그램
discord = 디스코드
slack = 슬랙
reddit = 레딧
youtube = 유튜브
tiktok = 틱톡
dropbox = 드롭박스
cloudflare = 클라우드플레어
github = 깃허브, 깃헙
gitlab = 깃랩
git = 깃
docker = 도커
kubernetes = 쿠버네티스, k8s
linux = 리눅스
ubuntu = 우분투
debian = 데비안
windows = 윈도우, 윈도우즈
macos = 맥os, 맥오에스
ios = 아이오에스
android = 안드로이드
iphone = 아이폰
ipad = 아이패드
macbook = 맥북
chatgpt = 챗gpt, 챗지피티
gpt = 지피티
gemini = 제미나이, 제미니
deepseek = 딥시크
mistral = 미스트랄
llama = 라마
ollama = 올라마
copilot = 코파일럿
github copilot = 깃허브 코파일럿
siri = 시리
alexa = 알렉사
raspberry pi = 라즈베리파이, 라즈베리 파이
arduino = 아두이노
firefox = 파이어폭스
chrome = 크롬
safari = 사파리
wordpress = 워드프레스
stripe = 스트라이프
visa = 비자
steam = 스팀
nintendo = 닌텐도
sony = 소니
playstation = 플레이스테이션
xbox = 엑스박스
huawei = 화웨이
xiaomi = 샤오미
asus = 에이수스
lenovo = 레노버
dell = 델
hp = 휴렛팩커드, hewlett packard
gopro = 고프로
realme = 리얼미
fortinet = 포티넷
zscaler = 지스케일러
databricks = 데이터브릭스
langchain = 랭체인
hugging face = 허깅페이스, 허깅 페이스, huggingface
pytorch = 파이토치
tensorflow = 텐서플로
jensen huang = 젠슨 황, 젠슨황
sam altman = 샘 올트먼, 샘 알트먼
elon musk = 일론 머스크
sundar pichai = 순다르 피차이
satya nadella = 사티아 나델라
dario amodei = 다리오 아모데이
demis hassabis = 데미스 하사비스
yann lecun = 얀 르쿤

# Languages, runtimes and tools
python = 파이썬
java = 자바
javascript = 자바스크립트, js
typescript = 타입스크립트, ts
rust = 러스트
go = golang, 고랭
ruby = 루비
ruby on rails = 루비 온 레일즈, rails, 레일즈
c++ = 씨플플, cpp
c# = 씨샵, csharp
swift = 스위프트
kotlin = 코틀린
php = 피에이치피
node.js = nodejs, node, 노드, 노드js
deno = 데노
react = 리액트
vue = vue.js
angular = 앵귤러
webassembly = wasm, 웹어셈블리
webgl = 웹gl
webrtc = 웹rtc
sql = 에스큐엘
postgresql = postgres, 포스트그레스
mysql = 마이sql
sqlite = sqlite3
redis = 레디스
npm = 엔피엠
pip = 핍
homebrew = 홈브루, brew
vscode = vs code, visual studio code, 비주얼 스튜디오 코드
bash = 배시
terminal = 터미널
shell = 셸, 쉘
ssh = 에스에스에이치
vpn = 가상 사설망, 브이피엔
api = 에이피아이
cli = 명령줄, 커맨드라인, command line
gui = 그래픽 사용자 인터페이스
sdk = 소프트웨어 개발 키트
ide = 통합 개발 환경
mcp = model context protocol, 모델 컨텍스트 프로토콜
rag = retrieval augmented generation, 검색 증강 생성
json = 제이슨
html = 에이치티엠엘
css = 씨에스에스
http = 에이치티티피
dns = 도메인 네임 시스템

# Concepts
ai = 인공지능, 에이아이, artificial intelligence
agi = 범용 인공지능, 인공 일반 지능, artificial general intelligence
llm = 대규모 언어 모델, 대형 언어 모델, 거대 언어 모델, large language model
generative ai = 생성형 ai, 생성 ai, 생성형 인공지능, genai
ai agent = ai 에이전트, 에이전트, agent
agentic ai = 에이전틱 ai
coding agent = 코딩 에이전트
machine learning = 머신러닝, 머신 러닝, 기계학습, 기계 학습, ml
deep learning = 딥러닝, 딥 러닝
reinforcement learning = 강화학습, 강화 학습, rl
rlhf = 인간 피드백 강화학습, 인간 피드백 기반 강화학습
neural network = 신경망
transformer = 트랜스포머
prompt = 프롬프트
prompt engineering = 프롬프트 엔지니어링, 프롬프트엔지니어링
prompt injection = 프롬프트 인젝션, 프롬프트인젝션
fine tuning = 파인튜닝, 미세조정, 미세 조정, fine-tuning
inference = 추론
training = 학습, 훈련
dataset = 데이터셋, 데이터 세트
chatbot = 챗봇
bot = 봇
robot = 로봇
robotics = 로봇공학, 로보틱스
computer vision = 컴퓨터 비전, 컴퓨터비전
speech to text = 음성 인식, 음성-텍스트 변환, stt, speech-to-text
text to speech = 음성 합성, tts
deepfake = 딥페이크
hallucination = 환각
security = 보안
cybersecurity = 사이버보안, 사이버 보안
vulnerability = 취약점
exploit = 익스플로잇
malware = 악성코드, 악성 코드, 멀웨어
ransomware = 랜섬웨어
spyware = 스파이웨어
phishing = 피싱
hacking = 해킹
hacker = 해커
zero day = 제로데이, 제로 데이, zero-day, 0day
remote code execution = 원격 코드 실행, 원격코드실행, rce
privilege escalation = 권한 상승
supply chain attack = 공급망 공격
supply chain security = 공급망 보안, 공급망보안
encryption = 암호화
authentication = 인증
password = 비밀번호, 패스워드
privacy = 개인정보, 프라이버시, 개인정보보호
data breach = 데이터 유출, 데이터유출, 정보 유출
patch = 패치
sandbox = 샌드박스
sandboxing = 샌드박싱
container = 컨테이너
virtual machine = 가상 머신, 가상머신, vm
virtualization = 가상화
cloud = 클라우드
serverless = 서버리스
server = 서버
database = 데이터베이스, db
data center = 데이터센터, 데이터 센터, datacenter
semiconductor = 반도체
chip = 칩
gpu = 그래픽 처리 장치, 그래픽카드, 그래픽 카드
cpu = 중앙 처리 장치, 프로세서, processor
npu = 신경망 처리 장치
memory = 메모리
storage = 스토리지, 저장소
battery = 배터리
smartphone = 스마트폰
laptop = 노트북, 랩톱
tablet = 태블릿
wearable = 웨어러블
calculator = 계산기
open source = 오픈소스, 오픈 소스, opensource, oss
free software = 자유 소프트웨어
software = 소프트웨어
hardware = 하드웨어
developer = 개발자
programming = 프로그래밍
programmer = 프로그래머
coding = 코딩
code review = 코드 리뷰
technical debt = 기술 부채, 기술부채
productivity = 생산성
performance = 성능
latency = 지연, 지연 시간, 레이턴시
scalability = 확장성
architecture = 아키텍처
microservices = 마이크로서비스
concurrency = 동시성
virtual threads = 가상 스레드, 가상스레드
thread = 스레드, 쓰레드
compiler = 컴파일러
interpreter = 인터프리터
framework = 프레임워크
library = 라이브러리
package = 패키지
repository = 저장소, 리포지토리, repo
commit = 커밋
pull request = 풀 리퀘스트, pr
testing = 테스트
load testing = 부하 테스트
chaos engineering = 카오스 엔지니어링
devops = 데브옵스
ci/cd = ci cd, 지속적 통합
observability = 관측성, 관찰 가능성
monitoring = 모니터링
startup = 스타트업
enterprise = 엔터프라이즈, 기업
regulation = 규제
compliance = 컴플라이언스, 규정 준수
governance = 거버넌스
ethics = 윤리
copyright = 저작권
lawsuit = 소송
investment = 투자
funding = 펀딩, 투자 유치
acquisition = 인수
layoffs = 해고, 정리해고
hiring = 채용
remote work = 원격 근무, 원격근무, 재택근무
four day workweek = 주 4일 근무제, 주4일근무제, 4일 근무
education = 교육
quantum computing = 양자 컴퓨팅, 양자컴퓨팅
quantum computer = 양자 컴퓨터, 양자컴퓨터
qubit = 큐비트
neuromorphic computing = 뉴로모픽 컴퓨팅, 뉴로모픽컴퓨팅
blockchain = 블록체인
cryptocurrency = 암호화폐, 가상화폐, crypto
bitcoin = 비트코인
ethereum = 이더리움
wallet = 지갑
nft = 대체 불가능 토큰
web3 = 웹3
decentralization = 탈중앙화
social media = 소셜 미디어, 소셜미디어, sns
algorithm = 알고리즘
search engine = 검색 엔진
advertising = 광고
marketing = 마케팅
brand = 브랜드
design = 디자인
diagram = 다이어그램
rendering = 렌더링
shader = 셰이더, 쉐이더
graphics = 그래픽, 그래픽스
video = 비디오, 동영상, 영상
video editing = 비디오 편집, 비디오편집, 영상 편집
image generation = 이미지 생성
3d printing = 3d 프린팅, 3d프린팅
soft robot = 소프트 로봇, 소프트로봇
cnc = 씨엔씨
drone = 드론
electric vehicle = 전기차, ev
self driving = 자율주행, autonomous driving
satellite = 위성
asteroid = 소행성
nuclear = 핵
space = 우주
climate = 기후
sustainability = 지속가능성, 지속 가능성
energy efficiency = 에너지 효율
green computing = 그린 컴퓨팅, 그린컴퓨팅
e-waste = 전자폐기물, 전자 폐기물
healthcare = 헬스케어, 의료
game = 게임
game developer = 게임 개발자
retro computing = 레트로 컴퓨팅, 레트로컴퓨팅
microcontroller = 마이크로컨트롤러
keyboard = 키보드
display = 디스플레이
internationalization = 국제화, i18n
localization = 현지화, l10n
translation = 번역
archive = 아카이브
file format = 파일 포맷
tunnel = 터널
knowledge graph = 지식 그래프
vector search = 벡터 검색
context engine = 컨텍스트 엔진
# Everyday words of tech news (members search in English for posts written in Korean, and back)
report = 보고서, 리포트
police = 경찰
ban = 금지
government = 정부
defense = 국방, 방위, 국방부
military = 군사, 군
weapon = 무기
contract = 계약
law = 법, 법률
court = 법원
fine = 벌금, 과징금
penalty = 과징금, 처벌
election = 선거
skimming = 스키밍
teleportation = 텔레포테이션
fiber = 광섬유
cleanup = 정리, 청소
disk = 디스크
disk space = 디스크 공간
space = 공간
cache = 캐시
install = 설치
download = 다운로드
update = 업데이트
release = 출시, 릴리스
launch = 출시
announcement = 발표
research = 연구
researcher = 연구자, 연구원, 연구팀
scientist = 과학자
university = 대학, 대학교
student = 학생
teacher = 교사, 선생님
school = 학교
phone = 휴대폰, 전화, 폰
camera = 카메라
surveillance = 감시
attack = 공격
attacker = 공격자
credit card = 신용카드, 신용 카드
payment = 결제
price = 가격
discount = 할인
user = 사용자, 유저
customer = 고객
employee = 직원
job = 일자리, 직업
salary = 연봉, 급여
revenue = 매출, 수익
market = 시장
growth = 성장
company = 기업, 회사
ceo = 최고경영자
vice president = 부사장
founder = 창업자
engineer = 엔지니어
engineering = 엔지니어링, 공학
team = 팀
culture = 문화
leadership = 리더십
burnout = 번아웃
quantum = 양자
network = 네트워크
internet = 인터넷
browser = 브라우저
extension = 확장, 확장 프로그램
plugin = 플러그인
filter = 필터
search = 검색
model = 모델
image = 이미지
text = 텍스트
voice = 음성
speech = 음성
writing = 글쓰기
editing = 편집
editor = 편집자, 에디터, 편집기
book = 책
detective = 추리, 탐정
murder = 살인
snake = 뱀, 비단뱀
hunter = 사냥꾼
weapon = 무기
hand = 손
finger = 손가락
printing = 프린팅, 인쇄
material = 소재, 재료
city = 도시
city hall = 시청, 시청사
demolition = 철거
casino = 카지노
restaurant = 레스토랑, 식당
inspection = 검사, 점검
health = 건강
hospital = 병원
patient = 환자
energy = 에너지
carbon = 탄소
environment = 환경
footprint = 발자국
waste = 폐기물
charging = 충전
mouse = 마우스
headphones = 헤드폰
gadget = 가젯
travel = 여행
nomad = 노마드
leak = 유출
theft = 탈취, 도난
scam = 사기
fraud = 사기
disinformation = 허위정보, 허위 정보, 가짜뉴스
fact check = 팩트체크, 팩트 체크
forensics = 포렌식
platform = 플랫폼
ad = 광고
subscription = 구독
streaming = 스트리밍
music = 음악
movie = 영화
animation = 애니메이션
illusion = 착시
photo = 사진
picture = 사진
chart = 차트
theme = 테마
command = 명령어, 명령
speed = 속도
benchmark = 벤치마크
cost = 비용
metric = 메트릭, 지표
quality = 품질
refactoring = 리팩토링
evaluation = 평가
moral = 도덕, 도덕적
responsibility = 책임
truth = 진실
identity = 아이덴티티, 정체성
designer = 디자이너
tool = 도구, 툴
hook = 훅
version = 버전
injury = 부상
basketball = 농구
player = 선수
retirement = 은퇴
lightweight = 경량
old = 오래된, 구형
new = 새로운, 신규
free = 무료
super bowl = 슈퍼볼
india = 인도
china = 중국
japan = 일본
korea = 한국
taiwan = 대만
usa = 미국, united states, us
europe = 유럽
eu = 유럽연합, european union
france = 프랑스
switzerland = 스위스
davos = 다보스
gdpr = 일반 개인정보 보호법, 일반개인정보보호규정
eu ai act = eu ai법, 유럽 ai법, ai act
`;

/** The curated table that ships with briefbot (a few hundred terms). */
export const BUILTIN_ALIASES: AliasTable = parseAliasText(BUILTIN_TEXT, 'built-in aliases');
