/**
 * The Telegram adapter's own mechanics, driven through real grammY against the fake Bot API with
 * a hand-made core: what goes over the wire for commands, buttons, inline queries, permissions,
 * failures and the two ways of receiving updates. briefbot.test.ts runs the real entry point.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/bot/command.ts';
import type { BotCore, InlineResult, Invocation } from '../../src/bot/core.ts';
import { resolveLocale } from '../../src/i18n/index.ts';
import type { ActionRequest, Reply } from '../../src/bot/reply.ts';
import { startTelegram, type TelegramHandle } from '../../src/platforms/telegram/index.ts';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { BOT_USERNAME, TOKEN, admin, capturingLogger, group, listedModerator, mina, sam } from './harness.ts';

const noRun = () => ({ text: [] });
const commands = [
  defineCommand({
    name: 'summary',
    description: { ko: '글 요약 찾기', en: 'Find a post summary' },
    options: [{ name: 'query', type: 'string', required: true, description: { ko: '검색어', en: 'Query' } }] as const,
    run: noRun,
  }),
  defineCommand({
    name: 'tag',
    description: { ko: '태그별 글', en: 'Posts with a tag' },
    options: [
      { name: 'tag', type: 'string', required: true, description: { ko: '태그', en: 'Tag' } },
      { name: 'page', type: 'integer', description: { ko: '쪽', en: 'Page' } },
    ] as const,
    run: noRun,
  }),
  defineCommand({
    name: 'latest',
    description: { ko: '최신 글', en: 'Latest posts' },
    options: [{ name: 'count', type: 'integer', description: { ko: '개수', en: 'Count' } }] as const,
    run: noRun,
  }),
  defineCommand({ name: 'reindex', permission: 'moderator', description: { ko: '다시 읽기', en: 'Reindex' }, options: [] as const, run: noRun }),
  defineCommand({ name: 'help', description: { ko: '도움말', en: 'Help' }, options: [] as const, run: noRun }),
  defineCommand({ name: 'boom', description: { ko: '실패', en: 'Fails' }, options: [] as const, run: noRun }),
  defineCommand({
    name: 'post',
    hidden: true,
    description: { ko: '글', en: 'Post' },
    options: [{ name: 'id', type: 'string', required: true, description: { ko: 'id', en: 'id' } }] as const,
    run: noRun,
  }),
];

/** A core that answers from a script and records every invocation. */
function stubCore(): BotCore & { invocations: Invocation[] } {
  const invocations: Invocation[] = [];
  const postReply = (id: string): Reply => ({
    title: `Post ${id} <b> & co`,
    url: `https://tech.webi.kr/posts/${id}/`,
    text: ['• 요약 한 줄'],
    links: [{ label: '글 보기', url: `https://tech.webi.kr/posts/${id}/` }],
  });
  return {
    invocations,
    commands,
    defaultLocale: 'ko',
    localeFor: (locale) => resolveLocale(locale, 'ko'),
    autocomplete: () => [],
    async execute(invocation) {
      invocations.push(invocation);
      const args = invocation.args as Record<string, string | number | undefined>;
      switch (invocation.command) {
        // The real core marks its error replies private and of kind 'error', as here.
        case 'summary':
          if (args.query === 'slow') await new Promise((resolve) => setTimeout(resolve, 1300));
          return { ...postReply('abc'), actions: [{ label: '1. Other', command: 'post', args: { id: 'def' }, effect: 'new-message' }] };
        case 'post':
          return args.id === 'missing' ? { text: ['그 글을 찾을 수 없습니다.'], kind: 'error', private: true } : postReply(String(args.id));
        case 'tag': {
          const page = Number(args.page ?? 1);
          return {
            title: `#${args.tag} (page ${page})`,
            text: [],
            items: [{ title: `item on page ${page}` }],
            footer: `${page}/2`,
            actions: page < 2 ? [{ label: '다음 ▶', command: 'tag', args: { tag: String(args.tag), page: page + 1 } }] : [],
          };
        }
        case 'reindex':
          return invocation.invoker.isModerator
            ? { title: 'Reindexed', text: ['3 posts'] }
            : { text: ['이 명령은 운영자만 사용할 수 있습니다.'], kind: 'error', private: true };
        case 'help':
          return { title: 'Help', text: ['• /summary <query>'] };
        case 'boom':
          throw new Error('the core broke (should never happen)');
        default:
          return { text: [`ran ${invocation.command}`] };
      }
    },
    // Compact and reversible, like the real core's: command|value|value (tags here are ASCII).
    // The effect is the command's here (a post opens beside the list; pages turn in place).
    encodeAction: (action) => [action.command, ...Object.values(action.args)].join('|'),
    decodeAction(data): ActionRequest | undefined {
      const [command, first, second, mark] = data.split('|');
      if (command === 'post' && first) return { command, args: { id: first }, effect: 'new-message' };
      // `tag|AI|2|new`: a page button that asks for a new message, to show the adapter does as told.
      if (command === 'tag' && first) return { command, args: { tag: first, page: Number(second) }, ...(mark === 'new' ? { effect: 'new-message' as const } : {}) };
      return undefined;
    },
    inlineResults(query, _locale, limit = 50): InlineResult[] {
      return Array.from({ length: 60 }, (_, i) => ({
        id: `p${i}`,
        title: `${query} result ${i}`,
        description: `summary ${i}`,
        url: `https://tech.webi.kr/posts/p${i}/`,
        reply: postReply(`p${i}`),
      })).slice(0, limit);
    },
  };
}

let fake: FakeTelegram;
let core: ReturnType<typeof stubCore>;
let log: ReturnType<typeof capturingLogger>;
let telegram: TelegramHandle | undefined;

async function start(overrides: Partial<Parameters<typeof startTelegram>[0]> = {}): Promise<TelegramHandle> {
  telegram = await startTelegram({
    token: TOKEN,
    apiRoot: fake.apiRoot,
    moderators: [String(listedModerator.id)],
    core,
    log,
    retry: { maxAttempts: 2, maxDelaySeconds: 5 },
    ...overrides,
  });
  return telegram;
}

beforeEach(async () => {
  fake = await FakeTelegram.start({ token: TOKEN, username: BOT_USERNAME });
  core = stubCore();
  log = capturingLogger();
});

afterEach(async () => {
  await telegram?.stop();
  telegram = undefined;
  await fake.close();
  // Whatever happened in the test, the token never reached a log line.
  expect(log.lines.join('\n')).not.toContain(TOKEN);
});

describe('starting', () => {
  it('registers the command menu in the default locale, Korean and English, without hidden commands; moderator commands for admins only', async () => {
    const handle = await start();
    expect(handle.botUsername).toBe(BOT_USERNAME);
    const menus = fake.requestsOf('setMyCommands').map((r) => r.body);
    expect(menus).toHaveLength(6);
    expect(menus[0]).toEqual({
      commands: [
        { command: 'summary', description: '글 요약 찾기' },
        { command: 'tag', description: '태그별 글' },
        { command: 'latest', description: '최신 글' },
        { command: 'help', description: '도움말' },
        { command: 'boom', description: '실패' },
      ],
    });
    expect(menus[1]).toEqual({
      scope: { type: 'all_chat_administrators' },
      commands: [
        { command: 'summary', description: '글 요약 찾기' },
        { command: 'tag', description: '태그별 글' },
        { command: 'latest', description: '최신 글' },
        { command: 'reindex', description: '다시 읽기' },
        { command: 'help', description: '도움말' },
        { command: 'boom', description: '실패' },
      ],
    });
    expect(menus[2]).toMatchObject({ language_code: 'ko' });
    expect(menus[4]).toMatchObject({ language_code: 'en', commands: expect.arrayContaining([{ command: 'summary', description: 'Find a post summary' }]) });
  });

  it('polls with getUpdates after deleting any webhook, and resolves once polling has begun', async () => {
    await start();
    const poll = await fake.waitForRequest('getUpdates');
    expect(poll.body).toMatchObject({ timeout: 30, allowed_updates: ['message', 'channel_post', 'callback_query', 'inline_query'] });
    expect(fake.requestsOf('deleteWebhook')).toHaveLength(1);
  });

  it('refuses to start with a wrong token, saying so without printing it', async () => {
    const wrong = '7000000001:WrongTokenWrongTokenWrongToken_xyz';
    const failure = await startTelegram({ token: wrong, apiRoot: fake.apiRoot, moderators: [], core, log }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(/Telegram rejected the bot token \(401 on getMe/);
    expect(failure?.message).not.toContain(wrong);
    expect(fake.requestsOf('getUpdates')).toHaveLength(0);
  });

  it('reports an unreachable Bot API as a start error after the bounded attempts', async () => {
    const root = fake.apiRoot;
    await fake.close();
    const failure = await startTelegram({ token: TOKEN, apiRoot: root, moderators: [], core, log, retry: { maxAttempts: 2, maxDelaySeconds: 1 } }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toBe(`Telegram did not start: the Bot API could not be reached at ${root} after 2 attempt(s)`);
    fake = await FakeTelegram.start({ token: TOKEN }); // for afterEach
  });
});

describe('commands', () => {
  beforeEach(async () => {
    await start();
  });

  it('runs /summary with the text as its query and the sender’s language, and sends the rendered reply', async () => {
    fake.pushMessage({ text: '/summary 엔비디아 GPU', from: mina });
    const sent = await fake.waitForRequest('sendMessage');
    expect(core.invocations[0]).toEqual({
      command: 'summary',
      args: { query: '엔비디아 GPU' },
      locale: 'ko',
      invoker: { id: 'telegram:4201', name: '@mina', isModerator: false },
      platform: 'telegram',
      place: '4201',
    });
    expect(sent.body).toEqual({
      chat_id: mina.id,
      text: '<b><a href="https://tech.webi.kr/posts/abc/">Post abc &lt;b&gt; &amp; co</a></b>\n\n• 요약 한 줄',
      parse_mode: 'HTML',
      link_preview_options: { url: 'https://tech.webi.kr/posts/abc/' },
      reply_markup: {
        inline_keyboard: [[{ text: '글 보기', url: 'https://tech.webi.kr/posts/abc/' }], [{ text: '1. Other', callback_data: 'post|def' }]],
      },
    });
  });

  it('shows "typing…" while a command takes longer than a second, and not for quick ones', async () => {
    fake.pushMessage({ text: '/help', from: mina });
    await fake.waitForRequest('sendMessage');
    expect(fake.requestsOf('sendChatAction')).toEqual([]);
    fake.pushMessage({ text: '/summary slow', from: mina });
    const typing = await fake.waitForRequest('sendChatAction');
    expect(typing.body).toEqual({ chat_id: mina.id, action: 'typing' });
    await fake.waitForRequest('sendMessage');
  });

  it('answers other chats while one chat waits on a slow command, and keeps each chat in order', async () => {
    fake.pushMessage({ text: '/summary slow', from: mina });
    fake.pushMessage({ text: '/help', from: mina });
    fake.pushMessage({ text: '/help', from: sam });
    const first = await fake.waitForRequest('sendMessage');
    const second = await fake.waitForRequest('sendMessage');
    const third = await fake.waitForRequest('sendMessage');
    // Sam is not held up by Mina's slow search; Mina's replies come in the order she asked.
    expect([first, second, third].map((r) => [r.body.chat_id, r.body.text.slice(0, 12)])).toEqual([
      [sam.id, '<b>Help</b>\n'],
      [mina.id, '<b><a href="'],
      [mina.id, '<b>Help</b>\n'],
    ]);
  });

  it('names a forum topic as chatId:threadId, so a subscription there announces into the topic', async () => {
    fake.pushMessage({ text: '/latest', from: mina, chat: group, threadId: 77 });
    await fake.waitForRequest('sendMessage');
    expect(core.invocations[0]?.place).toBe(`${group.id}:77`);
  });

  it('fills an optional first option from the text (/latest 3) and leaves it out when there is none', async () => {
    fake.pushMessage({ text: '/latest 3', from: mina });
    await fake.waitForRequest('sendMessage');
    fake.pushMessage({ text: '/latest', from: mina });
    await fake.waitForRequest('sendMessage');
    expect(core.invocations.map((i) => i.args)).toEqual([{ count: '3' }, {}]);
  });

  it('answers /summary@<its own name> in a group as a reply to the command', async () => {
    fake.pushMessage({ text: `/summary@${BOT_USERNAME} rust`, from: sam, chat: group });
    const sent = await fake.waitForRequest('sendMessage');
    expect(sent.body.chat_id).toBe(group.id);
    expect(sent.body.reply_parameters).toEqual({ message_id: 1, allow_sending_without_reply: true });
    expect(core.invocations[0]).toMatchObject({ command: 'summary', args: { query: 'rust' }, locale: 'en-US', place: String(group.id) });
  });

  it('ignores a group command addressed to another bot', async () => {
    fake.pushMessage({ text: '/summary@other_bot rust', from: sam, chat: group });
    fake.pushMessage({ text: '/help', from: sam, chat: group });
    const sent = await fake.waitForRequest('sendMessage');
    expect(sent.body.text).toContain('Help');
    expect(core.invocations.map((i) => i.command)).toEqual(['help']);
    expect(fake.requestsOf('sendMessage')).toHaveLength(1);
  });

  it('greets and shows help on a plain /start', async () => {
    fake.pushMessage({ text: '/start', from: sam });
    const sent = await fake.waitForRequest('sendMessage');
    expect(sent.body.text).toBe('<b>Help</b>\n\nHello! I am briefbot: I show the blog’s posts as short summaries.\n• /summary &lt;query&gt;');
    expect(core.invocations[0]).toMatchObject({ command: 'help', locale: 'en-US' });
  });

  it('opens the post of a deep link (/start <id>) and refuses a malformed one', async () => {
    fake.pushMessage({ text: '/start abc_12-x', from: mina });
    const sent = await fake.waitForRequest('sendMessage');
    expect(core.invocations[0]).toMatchObject({ command: 'post', args: { id: 'abc_12-x' } });
    expect(sent.body.text).toContain('Post abc_12-x');
    fake.pushMessage({ text: '/start not/a/link', from: mina });
    await fake.waitForRequest('sendMessage');
    expect(core.invocations[1]).toMatchObject({ command: 'help' });
  });
});

describe('buttons', () => {
  beforeEach(async () => {
    await start();
  });

  it('turns a page in place: editMessageText on the same message, then answers the button', async () => {
    fake.pushMessage({ text: '/tag AI', from: mina });
    const first = await fake.waitForRequest('sendMessage');
    expect(first.body.reply_markup.inline_keyboard).toEqual([[{ text: '다음 ▶', callback_data: 'tag|AI|2' }]]);
    const press = fake.pushCallbackQuery({ data: 'tag|AI|2', message: first.response, from: mina });
    const edit = await fake.waitForRequest('editMessageText');
    expect(edit.body).toMatchObject({ chat_id: mina.id, message_id: first.response.message_id, parse_mode: 'HTML' });
    expect(edit.body.text).toBe('<b>#AI (page 2)</b>\n\n1. item on page 2\n\n<i>2/2</i>');
    const answer = await fake.waitForRequest('answerCallbackQuery');
    expect(answer.body).toEqual({ callback_query_id: press.callback_query.id });
  });

  it('opens a post from a list with a new message', async () => {
    fake.pushMessage({ text: '/summary x', from: mina });
    const first = await fake.waitForRequest('sendMessage');
    fake.pushCallbackQuery({ data: 'post|def', message: first.response, from: mina });
    const second = await fake.waitForRequest('sendMessage');
    expect(second.body.text).toContain('Post def');
    expect(fake.requestsOf('editMessageText')).toHaveLength(0);
  });

  it('follows the effect the action carries, not its arguments: a page button marked new-message sends a new message', async () => {
    fake.pushMessage({ text: '/tag AI', from: mina });
    const first = await fake.waitForRequest('sendMessage');
    fake.pushCallbackQuery({ data: 'tag|AI|2|new', message: first.response, from: mina });
    const second = await fake.waitForRequest('sendMessage');
    expect(second.body.text).toContain('#AI (page 2)');
    await fake.waitForRequest('answerCallbackQuery');
    expect(fake.requestsOf('editMessageText')).toHaveLength(0);
  });

  it('tells the member when a button’s data is no longer understood', async () => {
    fake.pushMessage({ text: '/help', from: mina });
    const first = await fake.waitForRequest('sendMessage');
    fake.pushCallbackQuery({ data: 'gone|1', message: first.response, from: mina });
    const answer = await fake.waitForRequest('answerCallbackQuery');
    expect(answer.body).toMatchObject({ show_alert: true, text: '이 버튼은 더 이상 쓸 수 없습니다. 명령을 다시 실행해 주세요.' });
  });
});

describe('inline mode', () => {
  it('answers with at most 50 articles, each sending a formatted summary', async () => {
    await start();
    const query = fake.pushInlineQuery({ query: 'gpu', from: sam });
    const answer = await fake.waitForRequest('answerInlineQuery');
    expect(answer.body.inline_query_id).toBe(query.inline_query.id);
    expect(answer.body.results).toHaveLength(50);
    expect(answer.body.results[0]).toEqual({
      type: 'article',
      id: 'p0',
      title: 'gpu result 0',
      description: 'summary 0',
      url: 'https://tech.webi.kr/posts/p0/',
      input_message_content: {
        message_text: '<b><a href="https://tech.webi.kr/posts/p0/">Post p0 &lt;b&gt; &amp; co</a></b>\n\n• 요약 한 줄',
        parse_mode: 'HTML',
        link_preview_options: { url: 'https://tech.webi.kr/posts/p0/' },
      },
      reply_markup: { inline_keyboard: [[{ text: '글 보기', url: 'https://tech.webi.kr/posts/p0/' }]] },
    });
  });
});

describe('/reindex permissions', () => {
  beforeEach(async () => {
    await start();
  });

  it('lets a user listed in TELEGRAM_MODERATORS run it, without asking Telegram', async () => {
    fake.pushMessage({ text: '/reindex', from: listedModerator });
    const sent = await fake.waitForRequest('sendMessage');
    expect(sent.body.text).toBe('<b>Reindexed</b>\n\n3 posts');
    expect(core.invocations[0]?.invoker.isModerator).toBe(true);
    expect(fake.requestsOf('getChatMember')).toHaveLength(0);
  });

  it('lets a group administrator run it, checked with getChatMember', async () => {
    fake.setMemberStatus(group.id, admin.id, 'administrator');
    fake.pushMessage({ text: '/reindex', from: admin, chat: group });
    const check = await fake.waitForRequest('getChatMember');
    expect(check.body).toEqual({ chat_id: group.id, user_id: admin.id });
    const sent = await fake.waitForRequest('sendMessage');
    expect(sent.body.text).toContain('Reindexed');
  });

  it('counts a command posted in a channel as a moderator’s: only channel admins can post there', async () => {
    const channel = { id: -1009999, type: 'channel' as const, title: 'Tech briefs' };
    fake.pushMessage({ text: '/reindex', chat: channel });
    const sent = await fake.waitForRequest('sendMessage');
    expect(sent.body).toMatchObject({ chat_id: channel.id, text: '<b>Reindexed</b>\n\n3 posts' });
    expect(sent.body.reply_parameters).toBeUndefined();
    expect(core.invocations[0]?.invoker).toEqual({ id: `telegram:chat:${channel.id}`, name: 'Tech briefs', isModerator: true });
  });

  it('refuses a plain member politely, in private when the bot may write to them, else in the group', async () => {
    fake.pushMessage({ text: '/reindex', from: sam, chat: group });
    // Sam never opened a private chat with the bot: Telegram answers 403, so the refusal goes to the group.
    const tried = await fake.waitForRequest('sendMessage');
    expect(tried.body.chat_id).toBe(sam.id);
    expect(tried.response).toMatchObject({ error_code: 403 });
    const inGroup = await fake.waitForRequest('sendMessage');
    expect(inGroup.body).toMatchObject({ chat_id: group.id, text: '⚠️ 이 명령은 운영자만 사용할 수 있습니다.' });
    expect(core.invocations[0]?.invoker.isModerator).toBe(false);

    fake.pushMessage({ text: '/help', from: mina }); // Mina has a private chat with the bot
    await fake.waitForRequest('sendMessage');
    fake.pushMessage({ text: '/reindex', from: mina, chat: group });
    const privately = await fake.waitForRequest('sendMessage');
    expect(privately.body).toMatchObject({ chat_id: mina.id, text: '⚠️ 이 명령은 운영자만 사용할 수 있습니다.' });
  });
});

describe('failures', () => {
  beforeEach(async () => {
    await start();
  });

  it('retries a sendMessage refused with 429 after retry_after', async () => {
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    fake.pushMessage({ text: '/help', from: mina });
    const refused = await fake.waitForRequest('sendMessage');
    const retried = await fake.waitForRequest('sendMessage', () => true, 5000);
    expect(refused.response).toEqual({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    expect(retried.body).toEqual(refused.body);
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(990);
  });

  it('logs a handler that throws, apologises, and keeps serving', async () => {
    fake.pushMessage({ text: '/boom', from: sam });
    const apology = await fake.waitForRequest('sendMessage');
    expect(apology.body).toEqual({ chat_id: sam.id, text: 'Sorry, something went wrong on our side. Please try again in a moment.' });
    expect(log.lines.find((l) => l.startsWith('error telegram: update failed'))).toContain('the core broke');
    fake.pushMessage({ text: '/help', from: sam });
    expect((await fake.waitForRequest('sendMessage')).body.text).toContain('Help');
  });

  it('keeps polling after getUpdates fails on the network', async () => {
    fake.failNext('getUpdates', { network: true });
    fake.pushMessage({ text: '/help', from: mina }); // answered from the poll already waiting
    await fake.waitForRequest('sendMessage');
    fake.pushMessage({ text: '/latest', from: mina }); // waits for grammY's pause after the failure
    const later = await fake.waitForRequest('sendMessage', () => true, 8000);
    expect(later.response.message_id).toBeGreaterThan(0);
    const broken = fake.requestsOf('getUpdates').find((r) => r.response === 'network failure');
    expect(broken!.at).toBeLessThan(later.at);
  }, 15_000);

  it('survives Telegram refusing a message and a network failure while sending, without logging the token', async () => {
    fake.failNext('sendMessage', { error_code: 400, description: "Bad Request: can't parse entities: test" }, { network: true });
    fake.pushMessage({ text: '/help', from: mina });
    await fake.waitForRequest('sendMessage'); // refused with 400
    await fake.waitForRequest('sendMessage'); // the apology, lost to the network
    fake.pushMessage({ text: '/help', from: mina });
    expect((await fake.waitForRequest('sendMessage')).response.message_id).toBeGreaterThan(0);
    const logged = log.lines.join('\n');
    expect(logged).toContain('"code":400');
    expect(logged).toContain('could not tell the user about a failure');
  });
});

describe('webhook mode', () => {
  it('sets the webhook with a secret, answers updates that carry it, refuses others, and serves /healthz', async () => {
    const handle = await start({ webhookUrl: 'https://bot.example.com/telegram', webhookSecret: 'hook-secret_1', port: 0 });
    expect(fake.requestsOf('setWebhook')[0]?.body).toMatchObject({ url: 'https://bot.example.com/telegram', secret_token: 'hook-secret_1' });
    expect(fake.requestsOf('getUpdates')).toHaveLength(0);
    const local = `http://127.0.0.1:${handle.port}`;
    // The fake delivers to the URL it was given; point it at the local server instead.
    fake.webhook = { url: `${local}/telegram`, secret: 'hook-secret_1' };
    fake.pushMessage({ text: '/help', from: mina });
    expect((await fake.waitForRequest('sendMessage')).body.text).toContain('Help');

    const forged = await fetch(`${local}/telegram`, { method: 'POST', body: '{"update_id":99}', headers: { 'content-type': 'application/json' } });
    expect(forged.status).toBe(401);
    const health = await fetch(`${local}/healthz`);
    expect(await health.json()).toEqual({ ok: true, telegram: `@${BOT_USERNAME}` });
  });
});
