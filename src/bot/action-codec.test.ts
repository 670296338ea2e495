import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { coreFor, fixture } from '../../test/helpers/core.ts';
import { shortIdOf } from '../posts/library.ts';
import { ActionCodec } from './action-codec.ts';

const posts = fixture('command-posts');

describe('the action codec', () => {
  it('carries the effect: a new-message action decodes as one, a replace action as the default', async () => {
    const { core, engine } = await coreFor(posts);
    const rust = engine.library.get('rust-2026-edition')!;
    const open = core.encodeAction({ label: 'x', command: 'post', args: { id: engine.library.shortId(rust) }, effect: 'new-message' });
    expect(open).toBe(`+post|${engine.library.shortId(rust)}`);
    expect(core.decodeAction(open)).toEqual({ command: 'post', args: { id: engine.library.shortId(rust) }, effect: 'new-message' });
    const page = core.encodeAction({ label: 'x', command: 'latest', args: { count: 1, page: 2 }, effect: 'replace' });
    expect(page).toBe('=latest|1|2');
    expect(core.decodeAction(page)).toEqual({ command: 'latest', args: { count: 1, page: 2 } });
  });

  it('puts long values in as the same 12-character short id posts have', async () => {
    const { core } = await coreFor(posts);
    expect(core.encodeAction({ label: 'x', command: 'tag', args: { tag: '데이터센터', page: 2 } })).toBe(`=tag|~${shortIdOf('데이터센터')}|2`);
  });

  it('still decodes buttons of old messages: no effect mark and 8-character refs', async () => {
    const { core } = await coreFor(posts);
    const legacyRef = (value: string) => createHash('sha1').update(value).digest('base64url').slice(0, 8);
    // Paging buttons turned the page in place; every other button opened a new message.
    expect(core.decodeAction(`tag|~${legacyRef('데이터센터')}|2`)).toEqual({ command: 'tag', args: { tag: '데이터센터', page: 2 } });
    expect(core.decodeAction('latest|1|2')).toEqual({ command: 'latest', args: { count: 1, page: 2 } });
    expect(core.decodeAction('post|abcdefghijkl')).toEqual({ command: 'post', args: { id: 'abcdefghijkl' }, effect: 'new-message' });
    expect(core.decodeAction(`tag|~${legacyRef('no such tag anywhere')}|2`)).toBeUndefined();
  });

  it('finds a value again after the memo forgot it, from the current tags', async () => {
    const { engine } = await coreFor(posts);
    const codec = new ActionCodec({ commands, engine, now: () => new Date('2026-06-01T00:00:00Z'), memoCapacity: 1 });
    const data = codec.encode({ command: 'tag', args: { tag: '데이터센터' } });
    codec.encode({ command: 'tag', args: { tag: 'something else entirely' } }); // pushes 데이터센터 out of the memo
    expect(codec.decode(data)).toEqual({ command: 'tag', args: { tag: '데이터센터' } });
    const forgotten = codec.encode({ command: 'tag', args: { tag: 'something else entirely' } });
    codec.encode({ command: 'tag', args: { tag: '데이터센터' } });
    expect(codec.decode(forgotten)).toBeUndefined(); // not a tag of any post, and no longer remembered
  });

  it('refuses data it did not make', async () => {
    const { core } = await coreFor(posts);
    expect(core.decodeAction('=nope|1')).toBeUndefined();
    expect(core.decodeAction('+tag|~unknownref000')).toBeUndefined();
    expect(core.decodeAction('')).toBeUndefined();
  });
});
