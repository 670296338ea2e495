/** /subscribe, /unsubscribe, /subscriptions and /status through the real core, engine and store. */
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/bot/engine.ts';
import { createBotCore } from '../../src/bot/execute.ts';
import type { Invocation } from '../../src/bot/core.ts';
import { loadLibrary } from '../../src/posts/load.ts';
import { SearchIndex } from '../../src/search/index.ts';
import { openStore } from '../../src/state/store.ts';
import { startAnnouncements, type Announcements } from '../../src/announce/start.ts';
import { ManualClock } from '../../src/announce/clock.ts';
import { subscribe } from '../../commands/subscribe.ts';
import { unsubscribe } from '../../commands/unsubscribe.ts';
import { subscriptions } from '../../commands/subscriptions.ts';
import { status } from '../../commands/status.ts';
import { fixture, recordingLogger } from '../helpers/core.ts';
import { ScriptedSender } from './helpers.ts';
import { DeliveryError } from '../../src/announce/port.ts';

const CHANNEL = '1300000000000000001';
const running: Announcements[] = [];
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop();
});

async function setup(options: { announcements?: boolean } = {}) {
  const clock = new ManualClock(new Date('2026-06-01T00:00:00Z'));
  const engine = new Engine(async (previous) => {
    const { library, report } = await loadLibrary({ postsDir: fixture('command-posts'), siteUrl: 'https://blog.example', timezone: 'Asia/Seoul', previous: previous?.library });
    return { library, index: await SearchIndex.buildAsync(library.all()), report, loadedAt: new Date(clock.now()) };
  });
  await engine.reindex();
  const store = openStore(':memory:');
  const sender = new ScriptedSender('discord', () => clock.now(), () => new Error('boom'));
  // Telegram is served too, so a /subscribe there reaches the capability check.
  const telegram = new ScriptedSender('telegram', () => clock.now());
  let announcements: Announcements | undefined;
  if (options.announcements !== false) {
    announcements = await startAnnouncements({ engine, store, announcers: [sender, telegram], log: recordingLogger(), clock, targets: [{ platform: 'discord', id: '1300000000000000099' }] });
    running.push(announcements);
  }
  const core = createBotCore({
    commands: [subscribe, unsubscribe, subscriptions, status],
    engine,
    defaultLocale: 'en',
    log: recordingLogger(),
    now: () => new Date(clock.now()),
    services: { get announcements() { return announcements?.port; } },
  });
  const run = (command: string, args: Record<string, unknown> = {}, extra: Partial<Invocation> = {}) =>
    core.execute({ command, args, platform: 'discord', place: CHANNEL, locale: 'en', invoker: { id: 'discord:7', isModerator: true }, ...extra });
  return { run, store, clock, announcements, sender };
}

describe('subscription commands', () => {
  it('subscribes the channel with tags and a role, and lists it', async () => {
    const { run, store } = await setup();
    const reply = await run('subscribe', { tags: 'GPU, #생성형 AI', role: '<@&1400000000000000001>' });
    expect(reply).toMatchObject({
      title: 'Subscribed this channel',
      text: [
        'New posts published from now on with one of these tags will be announced here: GPU, 생성형 AI',
        'Announcements will mention the role with id 1400000000000000001.',
      ],
    });
    expect(store.subscriptions()).toMatchObject([{ platform: 'discord', place: CHANNEL, tags: ['GPU', '생성형 AI'], options: { mentionRoleId: '1400000000000000001' }, createdBy: 'discord:7' }]);
    const list = await run('subscriptions');
    expect(list.title).toBe('1 subscription(s)');
    expect(list.text).toEqual([`• this channel (${CHANNEL}): #GPU #생성형 AI · @role 1400000000000000001 · since 2026-06-01 00:00 UTC`]);
  });

  it('unsubscribes, and says so when there was nothing to remove', async () => {
    const { run } = await setup();
    await run('subscribe');
    expect((await run('unsubscribe')).text).toEqual(['Unsubscribed this channel; announcements not yet sent here were cancelled.']);
    expect((await run('unsubscribe')).text).toEqual(['This channel is not subscribed.']);
  });

  it('refuses members who are not moderators', async () => {
    const { run, store } = await setup();
    const reply = await run('subscribe', {}, { invoker: { id: 'discord:8', isModerator: false } });
    expect(reply.kind).toBe('error');
    expect(store.subscriptions()).toEqual([]);
  });

  it('refuses a role mention on Telegram and subscriptions on the console', async () => {
    const { run } = await setup();
    expect((await run('subscribe', { role: '1400000000000000001' }, { platform: 'telegram', place: '-100123' })).text).toEqual(['Role mentions exist only on Discord.']);
    expect((await run('subscribe', {}, { platform: 'console', place: undefined })).text).toEqual(['Subscriptions work only inside a Discord channel or a Telegram chat.']);
  });

  it('says announcements are not enabled when the bot runs without them', async () => {
    const { run } = await setup({ announcements: false });
    expect(await run('subscribe')).toMatchObject({ kind: 'error', text: ['Announcements of new posts are not enabled on this bot.'] });
    expect((await run('status')).text.at(-1)).toBe('Announcements of new posts are not enabled on this bot.');
  });
});

describe('/status', () => {
  it('shows posts, the last reindex, targets and failed deliveries with their errors', async () => {
    const { run, clock, sender } = await setup();
    sender.script = () => new DeliveryError('permanent', '403 Missing Permissions (50013)');
    const before = await run('status');
    expect(before.fields?.find((f) => f.name === 'Next scheduled post')?.value).toBe('2098-12-31 15:00 UTC');
    await clock.advanceTo(new Date('2099-01-01T00:00:00Z')); // the fixture's future post goes live
    const reply = await run('status');
    expect(reply.title).toBe('briefbot status');
    expect(reply.text).toEqual(['5 posts loaded', '4 posts recorded (1 announced, 0 removed)']);
    expect(reply.fields).toEqual([
      { name: 'Last reindex', value: '2026-06-01 00:00 UTC · 5 files · 5 added · 0 changed · 0 removed · 0 skipped' },
      { name: 'Targets', value: '1 from the environment · 0 subscription(s)', inline: true },
      { name: 'Deliveries', value: '0 pending · 0 sent · 1 failed', inline: true },
      { name: 'Failed deliveries (1)', value: 'future-post → discord:1300000000000000099 · 1 attempt(s) · 403 Missing Permissions (50013)' },
    ]);
  });
});
