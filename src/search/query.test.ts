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
