import { describe, expect, it } from 'vitest';
import { coreFor, fixture, run } from '../test/helpers/core.ts';

const posts = fixture('command-posts');

describe('summary', () => {
  it('answers with the best post: title, link, summary bullets, tags, date, links and image', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'summary', { query: '엔비디아가' }, { locale: 'en' });
    expect(reply.title).toBe('Nvidia, 차세대 Rubin GPU로 데이터센터 전력 효율 두 배');
    expect(reply.url).toBe('https://blog.example/posts/nvidia-rubin-gpu/');
    expect(reply.text).toEqual([
      '• Nvidia가 차세대 Rubin GPU를 공개했습니다.',
      '• 데이터센터 전력 효율이 이전 세대보다 두 배 좋아졌습니다.',
      '• 첫 출하는 2026년 하반기로 예정되어 있습니다.',
    ]);
    // Fields carry stable ids beside what they show; the shown part is compared as it always was.
    expect(reply.fields?.slice(0, 2).map(({ id: _id, ...shown }) => shown)).toEqual([
      { name: 'Tags', value: 'Nvidia, GPU, 데이터센터, AI', inline: true },
      { name: 'Date', value: '2026-01-10', inline: true },
    ]);
    expect(reply.fields?.slice(0, 2).map((field) => field.id)).toEqual(['tags', 'date']);
    expect(reply.links).toEqual([
      { label: 'Read the post', url: 'https://blog.example/posts/nvidia-rubin-gpu/' },
      { label: 'Original article', url: 'https://example.com/nvidia-rubin' },
    ]);
    expect(reply.image).toBe('https://blog.example/assets/img/rubin.jpg');
  });

  it('says when the post matches only part of the query, naming the words no post has', async () => {
    const { core } = await coreFor(posts);
    const partial = await run(core, 'summary', { query: 'Rubin GPU 근황' }, { locale: 'en' });
    expect(partial.title).toBe('Nvidia, 차세대 Rubin GPU로 데이터센터 전력 효율 두 배');
    expect(partial.fields).toContainEqual({ name: 'Partial match (words not in the post)', value: '근황' });
    const full = await run(core, 'summary', { query: 'Rubin GPU' }, { locale: 'en' });
    expect(full.fields?.some((field) => field.name.startsWith('Partial'))).toBe(false);
  });

  it('says plainly when nothing matches, privately, in the user’s language', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'summary', { query: 'xqzvw blorptang' }, { locale: 'ko' });
    expect(reply).toEqual({
      kind: 'error',
      private: true,
      text: ['"xqzvw blorptang"에 맞는 글을 찾지 못했습니다. 다른 낱말로 찾아보거나 /tags 로 태그를 둘러보세요.'],
    });
  });

  it('never shows future or unpublished posts', async () => {
    const { core } = await coreFor(posts);
    expect((await run(core, 'summary', { query: 'quantum 양자 컴퓨터' })).kind).toBe('error');
    expect((await run(core, 'summary', { query: 'kubernetes 초안' })).kind).toBe('error');
  });

  it('refuses a 10 kB query with a helpful message instead of crashing', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'summary', { query: 'nvidia '.repeat(1500) }, { locale: 'en' });
    expect(reply).toMatchObject({ kind: 'error', text: ['`query` is too long (at most 300 characters).'] });
  });

  it('answers an emoji-only query with "no good match"', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'summary', { query: '🚀🔥' }, { locale: 'en' });
    expect(reply.kind).toBe('error');
    expect(reply.text[0]).toContain('No good match');
  });

  it('answers a query of only particles with "no good match", not a random post', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'summary', { query: '은 는 이 가 을 를 의' }, { locale: 'en' });
    expect(reply.kind).toBe('error');
    expect(reply.text[0]).toContain('No good match');
  });

  it('asks for a query when it is missing', async () => {
    const { core } = await coreFor(posts);
    expect((await run(core, 'summary', {}, { locale: 'en' })).text).toEqual(['Please give a value for `query`.']);
  });
});

describe('post (buttons and deep links)', () => {
  it('opens a post by the short id its buttons carry', async () => {
    const { core, engine } = await coreFor(posts);
    const rust = engine.library.get('rust-2026-edition');
    expect(rust).toBeDefined();
    const reply = await run(core, 'post', { id: engine.library.shortId(rust!) });
    expect(reply.title).toBe('Rust 2026 에디션 발표: 더 빠른 컴파일');
  });

  it('does not reveal a future post by its id', async () => {
    const { core, engine } = await coreFor(posts);
    const future = engine.library.get('future-post')!;
    expect((await run(core, 'post', { id: engine.library.shortId(future) })).kind).toBe('error');
  });
});

describe('tag, tags, latest', () => {
  it('lists a tag newest first whatever its case, spacing or hyphens, shown as written', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'tag', { tag: 'ai' }, { locale: 'en' });
    expect(reply.title).toBe('#AI: 2 posts');
    expect(reply.items?.map((i) => i.title)).toEqual([
      'Bold & @everyone <@&123> 보안 공지',
      'Nvidia, 차세대 Rubin GPU로 데이터센터 전력 효율 두 배',
    ]);
    expect(reply.actions).toEqual([]);
  });

  it('pages with next/previous actions that the core can encode and decode', async () => {
    const { core } = await coreFor(posts);
    const first = await run(core, 'latest', { count: 1 }, { locale: 'en' });
    expect(first.footer).toBe('page 1/3');
    const next = first.actions?.find((a) => a.label.startsWith('Next'));
    expect(next).toEqual({ label: 'Next ▶', command: 'latest', args: { count: 1, page: 2 } });
    const decoded = core.decodeAction(core.encodeAction(next!));
    expect(decoded).toEqual({ command: 'latest', args: { count: 1, page: 2 } });
    const second = await run(core, decoded!.command, decoded!.args, { locale: 'en' });
    expect(second.items?.map((i) => i.title)).toEqual(['Rust 2026 에디션 발표: 더 빠른 컴파일']);
  });

  it('keeps Korean tag paging within 56 bytes of action data', async () => {
    const { core } = await coreFor(posts);
    const data = core.encodeAction({ label: 'x', command: 'tag', args: { tag: '아주 긴 한국어 태그 이름입니다 정말로 길어요', page: 12 } });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(56);
    expect(core.decodeAction(data)).toEqual({ command: 'tag', args: { tag: '아주 긴 한국어 태그 이름입니다 정말로 길어요', page: 12 } });
  });

  it('counts tags over published posts only', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'tags', {}, { locale: 'en' });
    expect(reply.text[0]).toContain('AI (2)');
    expect(reply.text[0]).not.toContain('Quantum');
    expect(reply.text[0]).not.toContain('Kubernetes');
  });

  it('rejects an out-of-range count with the allowed range', async () => {
    const { core } = await coreFor(posts);
    expect((await run(core, 'latest', { count: 'many' }, { locale: 'en' })).text).toEqual([
      '`count` must be a number from 1 to 10.',
    ]);
  });

  it('names similar tags when the one asked for has no posts', async () => {
    const { core } = await coreFor(posts);
    expect((await run(core, 'tag', { tag: '데이터' }, { locale: 'en' })).text).toEqual([
      'No posts are tagged "데이터". See /tags for the list. Similar tags: 데이터센터',
    ]);
  });

  it('says which tag is unknown', async () => {
    const { core } = await coreFor(posts);
    expect((await run(core, 'tag', { tag: 'cobol' }, { locale: 'en' })).text).toEqual([
      'No posts are tagged "cobol". See /tags for the list.',
    ]);
  });
});

describe('reindex', () => {
  it('is refused to members who are not moderators', async () => {
    const { core } = await coreFor(posts);
    expect(await run(core, 'reindex', {}, { locale: 'en' })).toEqual({
      kind: 'error',
      private: true,
      text: ['Only moderators can use this command.'],
    });
  });

  it('reports what changed to a moderator', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'reindex', {}, { locale: 'en', invoker: { id: 'm', isModerator: true } });
    expect(reply.title).toBe('Reindex complete');
    expect(reply.fields?.map((f) => f.name)).toEqual([
      'Added (0)',
      'Changed (0)',
      'Removed (0)',
      'Skipped (0)',
      'Encoding repaired (0)',
      'Warnings (2)',
    ]);
    // The unpublished fixtures have no link to an original article: served, with a warning each.
    expect(reply.fields?.[5]?.value.split('\n').map((line) => line.split(':')[0])).toEqual([
      '2026-01-05-draft-post.md',
      '2099-01-01-future-post.md',
    ]);
  });
});

describe('help', () => {
  it('lists the visible commands with their arguments, in the user’s language', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'help', {}, { locale: 'en' });
    expect(reply.text).toEqual([
      'Finds the blog’s summarized posts for you. Commands:',
      '• /summary <query> [when]: Find a post and show its three-line summary',
      '• /tag <tag> [page]: List the posts with a tag, newest first',
      '• /tags [page]: List the tags with their post counts',
      '• /latest [count] [page] [when]: Show the latest posts',
      '• /ask <question> [when]: Answer a question from the blog’s posts',
      '• /reindex [full]: Reload the posts and report what changed (moderators)',
      '• /subscribe [tags] [role] [publish]: Announce new posts in this channel (moderators)',
      '• /unsubscribe: Stop announcing new posts in this channel (moderators)',
      '• /subscriptions: Show the new-post subscriptions (moderators)',
      '• /status: Bot status: posts, reindex, subscriptions, deliveries (moderators)',
      '• /questions [days]: Questions the blog could not answer, by topic (moderators)',
      '• /help: How to use briefbot',
    ]);
  });
});

describe('inline results', () => {
  it('offers matching posts, each with its summary reply', async () => {
    const { core } = await coreFor(posts);
    const results = core.inlineResults('rust', 'en');
    expect(results[0]).toMatchObject({ title: 'Rust 2026 에디션 발표: 더 빠른 컴파일', url: 'https://blog.example/posts/rust-2026-edition/' });
    expect(results[0]?.reply.title).toBe('Rust 2026 에디션 발표: 더 빠른 컴파일');
  });

  it('offers the newest published posts for an empty query', async () => {
    const { core } = await coreFor(posts);
    expect(core.inlineResults('  ').map((r) => r.title)).toEqual([
      'Bold & @everyone <@&123> 보안 공지',
      'Rust 2026 에디션 발표: 더 빠른 컴파일',
      'Nvidia, 차세대 Rubin GPU로 데이터센터 전력 효율 두 배',
    ]);
  });
});
