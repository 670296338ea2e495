import { describe, expect, it } from 'vitest';
import type { Post, Section } from '../posts/types.ts';
import { SearchIndex } from './index.ts';

function makePost(id: string, fields: { title: string; tags?: string[]; summary?: string[]; sections: Section[] }): Post {
  const text = fields.sections.map((section) => `${section.heading}\n${section.text}`).join('\n\n');
  return {
    id,
    file: `2026-01-01-${id}.md`,
    title: fields.title,
    date: new Date('2026-01-01T00:00:00Z'),
    dateIso: '2026-01-01T09:00:00+09:00',
    url: `https://example.test/posts/${id}/`,
    tags: fields.tags ?? [],
    categories: ['Trend'],
    summary: fields.summary ?? [],
    sections: fields.sections,
    text,
    published: true,
    warnings: [],
    contentHash: id,
  };
}

/** Its slug speaks of Nvidia and doomerism; its content is about ollama. */
const SLUG_LIES = makePost('nvidia-ceo-jensen-huang-says-ai-doomerism-has-done-damage-0829', {
  title: 'ollama 0.14: AI가 Bash 명령어를 실행하는 실험적 기능',
  tags: ['ollama', 'LLM', 'Bash'],
  summary: ['ollama 0.14-rc2가 LLM이 Bash 명령어를 실행하는 에이전트 루프를 도입했습니다.'],
  sections: [{ heading: '주요 내용', text: 'ollama 팀은 대화형 승인 UI와 차단 목록 같은 안전 장치를 마련했습니다.' }],
});

const NVIDIA = makePost('weekly-gadget-roundup-7007', {
  title: 'Jensen Huang, 대만에서 MediaTek AI PC 로드맵 공개',
  tags: ['Nvidia', 'MediaTek', '대만', '반도체'],
  summary: ['Nvidia CEO Jensen Huang이 대만 지사 행사에서 AI PC 로드맵을 발표했습니다.'],
  sections: [
    { heading: '로드맵 발표', text: 'Nvidia는 MediaTek과 함께 AI PC 칩을 개발합니다. 첫 제품은 내년에 출시될 예정입니다.' },
    { heading: '신임 부사장', text: 'TSMC 출신 Vanessa Lee가 Nvidia의 부사장으로 합류했습니다.' },
  ],
});

const VIRTUAL_THREADS = makePost('project-loom-6022', {
  title: 'Java Virtual Threads: Project Loom이 바꾸는 동시성 프로그래밍',
  tags: ['Java', 'Virtual Threads', '동시성'],
  summary: ['Java 21의 가상 스레드는 플랫폼 스레드보다 훨씬 적은 메모리를 씁니다.'],
  sections: [
    {
      heading: '힙 기반 스택',
      text: '가상 스레드는 운영체제 스택 대신 Java 힙에 스택 프레임을 저장합니다. 그래서 스레드 하나가 수백 바이트의 메모리로 시작합니다. 수백만 개의 스레드를 만들어도 메모리가 부족하지 않습니다.',
    },
    { heading: '도입 사례', text: 'Spring Boot와 Quarkus가 가상 스레드를 지원합니다.' },
  ],
});

const DATA_CENTER = makePost('crypto-mining-9715', {
  title: 'Applied Digital, 430MW 규모 비밀 데이터 센터 건설',
  tags: ['Applied Digital', 'AI 인프라'],
  sections: [{ heading: '건설 계획', text: '새 데이터 센터는 2027년에 가동됩니다. 하이퍼스케일러 고객과 계약을 추진합니다.' }],
});

const OPENCLAW = makePost('openclaw-bug-2833', {
  title: 'OpenClaw 취약점(CVE-2026-25253): 링크 클릭만으로 원격 코드 실행',
  tags: ['OpenClaw', 'CVE-2026-25253', '보안취약점'],
  sections: [{ heading: '공격 방식', text: '악성 링크를 열면 WebSocket 토큰이 탈취되어 원격 코드 실행이 가능합니다.' }],
});

const LATTICE_KOREAN = makePost('quantum-trick-8461', {
  title: '새로운 양자 기법 소개',
  sections: [{ heading: '기법', text: '연구팀은 격자수술(lattice surgery)을 초전도 큐비트에 적용했습니다.' }],
});

const LATTICE_ENGLISH = makePost('qubit-notes-1111', {
  title: 'Qubit engineering notes',
  sections: [{ heading: 'Notes', text: 'Lattice surgery splits one logical qubit into two while errors are corrected.' }],
});

const POSTS = [SLUG_LIES, NVIDIA, VIRTUAL_THREADS, DATA_CENTER, OPENCLAW, LATTICE_KOREAN, LATTICE_ENGLISH];
const index = SearchIndex.build(POSTS);
const ids = (hits: { post: Post }[]) => hits.map((hit) => hit.post.id);

describe('search', () => {
  it('answers 엔비디아가 with the Nvidia post, written in English', () => {
    expect(ids(index.search('엔비디아가'))[0]).toBe(NVIDIA.id);
  });

  it('never ranks by slug: words only the slug holds find nothing', () => {
    expect(index.search('doomerism')).toEqual([]);
    expect(ids(index.search('jensen huang doomerism damage'))).not.toContain(SLUG_LIES.id);
    expect(ids(index.search('ollama'))).toEqual([SLUG_LIES.id]);
  });

  it('finds 데이터센터 in a post that writes 데이터 센터', () => {
    expect(ids(index.search('데이터센터'))[0]).toBe(DATA_CENTER.id);
    expect(ids(index.search('datacenter'))[0]).toBe(DATA_CENTER.id);
  });

  it('finds identifiers whole', () => {
    expect(ids(index.search('CVE-2026-25253'))).toEqual([OPENCLAW.id]);
  });

  it('tolerates a typo in a long Latin word', () => {
    expect(ids(index.search('mediatk'))[0]).toBe(NVIDIA.id);
  });

  it('finds Korean queries in English text through mined 한글(English) pairs', () => {
    expect(ids(index.search('격자수술'))).toEqual(expect.arrayContaining([LATTICE_KOREAN.id, LATTICE_ENGLISH.id]));
  });

  it('ranks the post matching every word above posts matching one', () => {
    expect(ids(index.search('nvidia 대만 로드맵'))[0]).toBe(NVIDIA.id);
  });

  it('returns no match for nonsense, emoji, particles and stopwords', () => {
    for (const query of ['asdkfjh qwpoeiru', '🍕🍔🍟', '은는이가을를', 'the of and to', '바나나 우주선 요리법', '']) {
      expect(index.search(query), query).toEqual([]);
    }
  });

  it('wants both words of a two-word query', () => {
    expect(index.search('nvidia xylophone')).toEqual([]);
  });

  it('handles a 10 kB query', () => {
    const hits = index.search('엔비디아 로드맵 '.repeat(800));
    expect(ids(hits)[0]).toBe(NVIDIA.id);
  });

  it('applies limit and filter', () => {
    expect(index.search('가상 스레드', { filter: (post) => post.id !== VIRTUAL_THREADS.id })).toEqual([]);
    expect(index.search('nvidia', { limit: 1 })).toHaveLength(1);
  });

  it('keeps the best hits in score order whatever the limit, posts with every word first', () => {
    // Every fourth post has all three words, once each; the others only two, repeated more.
    const varied = Array.from({ length: 60 }, (_, i) =>
      makePost(`gpu-${i}`, {
        title: `소식 ${i}`,
        sections: [{ heading: '본문', text: `${'GPU '.repeat(1 + (i % 3))}${'설치 '.repeat(1 + (i % 5))}${i % 4 === 0 ? '서버 ' : ''}단어${i} 낱말${i % 11}` }],
      }),
    );
    const built = SearchIndex.build(varied);
    const all = built.search('gpu 설치 서버', { limit: 100 });
    expect(all).toHaveLength(60);
    all.slice(1).forEach((hit, i) => expect(hit.score).toBeLessThanOrEqual(all[i]!.score));
    expect(new Set(all.slice(0, 15).map((hit) => hit.terms.includes('서버')))).toEqual(new Set([true]));
    for (const limit of [1, 3, 10, 59]) expect(ids(built.search('gpu 설치 서버', { limit }))).toEqual(ids(all).slice(0, limit));
  });

  it('counts a word at most three times in a field', () => {
    const repeated = (id: string, times: number) =>
      makePost(id, { title: `노트 ${id}`, sections: [{ heading: '본문', text: `${'kubernetes '.repeat(times)}cluster notes` }] });
    const built = SearchIndex.build([repeated('twice', 2), repeated('thrice', 3), repeated('fifty', 50), makePost('other', { title: '다른 글', sections: [{ heading: '본문', text: 'nothing here' }] })]);
    const score = (id: string) => built.search('kubernetes').find((hit) => hit.post.id === id)!.score;
    expect(score('fifty')).toBe(score('thrice'));
    expect(score('twice')).toBeLessThan(score('thrice'));
  });

  it('reports the matched query terms', () => {
    expect(index.search('엔비디아가')[0]!.terms).toContain('nvidia');
  });

  it('uses aliases the blog adds', () => {
    const custom = SearchIndex.build(POSTS, { aliases: [['웨비', 'quarkus']] });
    expect(ids(custom.search('웨비'))).toEqual([VIRTUAL_THREADS.id]);
    expect(index.search('웨비')).toEqual([]);
  });
});

describe('suggest', () => {
  it('completes the title word being typed', () => {
    expect(ids(index.suggest('virt'))).toEqual([VIRTUAL_THREADS.id]);
    expect(ids(index.suggest('java vi'))).toEqual([VIRTUAL_THREADS.id]);
    expect(ids(index.suggest('동시'))).toEqual([VIRTUAL_THREADS.id]);
  });

  it('looks at titles only', () => {
    expect(index.suggest('quarkus')).toEqual([]);
  });
});

describe('answer', () => {
  it('returns passages under their heading, with their post', () => {
    const passages = index.answer('Java 가상 스레드는 왜 메모리를 적게 쓰나요?');
    expect(passages.length).toBeGreaterThan(0);
    expect(passages[0]).toMatchObject({ post: { id: VIRTUAL_THREADS.id }, heading: '힙 기반 스택' });
    expect(passages[0]!.text).toContain('힙에 스택 프레임을 저장합니다.');
  });

  it('answers an English question about a Korean post', () => {
    expect(index.answer('who is the new vice president of nvidia?')[0]).toMatchObject({ post: { id: NVIDIA.id }, heading: '신임 부사장' });
  });

  it('returns nothing when the posts do not answer it', () => {
    expect(index.answer('김치찌개는 어떻게 끓이나요?')).toEqual([]);
    expect(index.answer('무엇인가요?')).toEqual([]);
  });
});

describe('buildAsync', () => {
  it('builds the same index as build', async () => {
    const built = await SearchIndex.buildAsync(POSTS, { chunkSize: 2 });
    expect(built.size).toBe(POSTS.length);
    expect(ids(built.search('엔비디아가'))).toEqual(ids(index.search('엔비디아가')));
  });

  it('lets the event loop run while it indexes thousands of posts, and the result finds common and rare words', async () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      makePost(`synthetic-${i}`, {
        title: `합성 글 ${i}: Nvidia와 데이터센터 소식`,
        tags: ['AI', `tag${i % 50}`],
        sections: [{ heading: '본문', text: `엔비디아가 ${i}번째 데이터센터를 발표했습니다. GPU ${i} 개를 설치합니다.` }],
      }),
    );
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    let built: SearchIndex;
    try {
      built = await SearchIndex.buildAsync(many);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
    expect(built.size).toBe(3000);
    // 엔비디아 is in every post: it is searched in the small fields only, and still found.
    expect(built.search('엔비디아가')).toHaveLength(10);
    // Beside a rarer word it is not searched at all; the rare word decides.
    const hits = built.search('엔비디아 tag7', { limit: 100 });
    expect(hits).toHaveLength(60);
    expect(hits.every((hit) => hit.post.tags.includes('tag7'))).toBe(true);
  });
});
