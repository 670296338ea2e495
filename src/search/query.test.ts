import { describe, expect, it } from 'vitest';
import type { Post } from '../posts/types.ts';
import { SearchIndex } from './index.ts';

function post(id: string, date: string, title: string, text: string): Post {
  return {
    id,
    file: `${date}-${id}.md`,
    title,
    date: new Date(`${date}T00:00:00Z`),
    dateIso: `${date}T09:00:00+09:00`,
    url: `https://example.test/posts/${id}/`,
    tags: [],
    categories: [],
    summary: [],
    sections: [{ heading: '주요 내용', text }],
    text,
    published: true,
    warnings: [],
    contentHash: id,
  };
}

const POSTS = [
  post('docker-cleanup', '2026-02-04', 'Docker 디스크 정리 가이드', 'Docker 이미지와 Docker 볼륨, Docker 캐시를 지우는 Docker 명령어를 모았습니다.'),
  post('docker-sandbox', '2026-02-18', 'Docker Sandboxes로 에이전트 실행하기', 'Docker의 새 샌드박스에서 에이전트를 실행합니다.'),
  post('passing-mention', '2026-02-25', '개발 도구 설문 결과', '설문에서 개발자들은 Docker와 여러 편집기를 쓴다고 답했습니다.'),
  post('weather', '2026-02-26', '날씨 이야기', '오늘은 맑습니다.'),
];
const index = SearchIndex.build(POSTS);
const ids = (query: string) => index.search(query).map((hit) => hit.post.id);

describe('vague words that ask for the latest (근황, 소식)', () => {
  it('put the newest post about the topic first', () => {
    expect(ids('Docker 근황')[0]).toBe('docker-sandbox');
    expect(ids('Docker 소식')[0]).toBe('docker-sandbox');
    // 좀 written onto the vague word, as in chat.
    expect(ids('Docker 소식좀')[0]).toBe('docker-sandbox');
  });

  it('leave a post that only mentions the topic in passing after the posts about it, however new', () => {
    expect(ids('Docker 근황').indexOf('passing-mention')).toBeGreaterThan(1);
  });

  it('leave other queries in score order', () => {
    expect(ids('Docker')[0]).toBe('docker-cleanup');
    expect(ids('Docker 후기')[0]).toBe('docker-cleanup');
  });
});

describe('a partial match', () => {
  const posts = [
    post('quantum', '2026-02-14', '양자 통신 시연', '기존 광섬유로 양자 텔레포테이션을 시연했습니다.'),
    post('containers', '2026-01-27', '컨테이너 기능 확대', '인터넷에서 파일을 내려받고 테스트를 돌릴 수 있습니다. 인터넷 접근과 테스트 환경이 바뀌었습니다.'),
    post('release-316', '2026-01-06', '셰이더 효과 모음', '버전 3.16에서 디더링 효과를 더했습니다.'),
    post('python', '2026-02-10', 'Python 소식', 'Python의 새 기능을 정리했습니다.'),
    ...Array.from({ length: 30 }, (_, i) => post(`filler-${i}`, '2026-01-01', `잡담 ${i}`, `인터넷 테스트 기능 Python 이야기 ${i}`)),
  ];
  const small = SearchIndex.build(posts);
  const first = (query: string) => small.search(query)[0]?.post.id;

  it('needs a rare word of the query: two common ones are no answer', () => {
    expect(first('quantum internet test canada')).not.toBe('containers');
  });

  it('is not made by a bare number alone', () => {
    expect(first('Python 3.16 새 기능')).toBe('python');
    expect(small.search('Python 3.16 새 기능').map((hit) => hit.post.id)).not.toContain('release-316');
  });
});

describe('a Korean query that names something in Latin letters', () => {
  const posts = [
    post('ruby', '2026-02-14', 'Ruby 4.0 출시', 'Ruby 4.0과 ZJIT 컴파일러를 소개합니다.'),
    post('gadgets', '2026-01-27', '노마드 가젯 7선', '릴리즈 노트를 챙겨 보는 노마드에게 좋은 가젯입니다.'),
    ...Array.from({ length: 30 }, (_, i) => post(`filler-${i}`, '2026-01-01', `잡담 ${i}`, `노트 이야기 ${i}`)),
  ];
  const small = SearchIndex.build(posts);
  const found = (query: string) => small.search(query).map((hit) => hit.post.id);

  it('is not answered by a post that has only its Korean words, however rare', () => {
    expect(found('Ruby 4.1 릴리즈 노트')).not.toContain('gadgets');
    // The words alone still find the post that has them.
    expect(found('릴리즈 노트')[0]).toBe('gadgets');
  });
});

describe('a word typed with the Korean layout on', () => {
  it('is read as Latin even where its jamo compose a syllable the index holds (ㅋㄴㅊ믿ㄱ: zscaler, not 믿)', () => {
    const posts = [
      post('zscaler', '2026-02-14', 'Zscaler AI 보안', 'Zscaler가 AI 보안 제품을 냈습니다.'),
      post('eyes', '2026-01-27', '착시 사진', '눈을 믿을 수 없는 사진입니다. 믿 믿'),
    ];
    expect(SearchIndex.build(posts).search('ㅋㄴㅊ믿ㄱ 보안')[0]?.post.id).toBe('zscaler');
  });
});

describe('two Hangul words the index does not hold', () => {
  it('are read together as one Latin name the posts write as one word (아도니스 제이에스 → AdonisJS)', () => {
    const posts = [
      post('adonis', '2026-02-14', 'AdonisJS Bodyparser 취약점', 'AdonisJS 파일 업로드 취약점이 발견되었습니다.'),
      post('other', '2026-01-27', 'Java 가상 스레드', 'Java 21의 가상 스레드를 소개합니다.'),
    ];
    expect(SearchIndex.build(posts).search('아도니스 제이에스 취약점')[0]?.post.id).toBe('adonis');
  });
});

describe('Latin names spaced otherwise than the post writes them', () => {
  const named = SearchIndex.build([
    post('free-mobile', '2026-02-10', 'CNIL 과징금', '프랑스 CNIL은 Free Mobile에 과징금을 부과했습니다.'),
    post('nanoclaw', '2026-02-12', '에이전트 샌드박스', 'NanoClaw를 Docker 샌드박스에서 실행합니다.'),
    post('command-book', '2026-02-14', '터미널 도구', 'Michael Kennedy가 Command Book App을 선보였습니다.'),
    post('weather', '2026-02-26', '날씨 이야기', '오늘은 맑습니다.'),
  ]);
  const found = (query: string) => named.search(query).map((hit) => hit.post.id);

  it('finds a name typed as one word the post writes as two (FreeMobile: Free Mobile)', () => {
    expect(found('FreeMobile 과징금')[0]).toBe('free-mobile');
    expect(found('freemobile')).toEqual(['free-mobile']);
    expect(found('CommandBookApp')).toEqual(['command-book']);
  });

  it('finds a name typed as two words the post writes as one (Nano Claw: NanoClaw)', () => {
    expect(found('Nano Claw')).toEqual(['nanoclaw']);
  });
});
