/**
 * briefbot on Telegram, end to end: the real entry point (`startBriefbot` with a plain env), the
 * real core and commands over the fixture posts, real grammY, and the fake Bot API. Every
 * assertion is on what went over the wire.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBriefbot, type Briefbot } from '../../src/main.ts';
import { visibleText } from '../../src/platforms/telegram/render.ts';
import { FakeTelegram, type RecordedRequest } from '../fakes/telegram/server.ts';
import { BOT_USERNAME, TOKEN, admin, capturingLogger, group, listedModerator, mina, sam } from './harness.ts';

const POSTS_DIR = 'test/fixtures/telegram-posts';
/** The fixture's title is written `&lt;b&gt; 태그와 & 기호` in the front matter: the blog shows `<b>` literally. */
const ESCAPED_TITLE = 'HTML 이스케이프: &lt;b&gt; 태그와 &amp; 기호를 채팅 봇에서 다루는 법';

let fake: FakeTelegram;
let briefbot: Briefbot;
let stateDir: string;
const log = capturingLogger();

function envFor(apiRoot: string, token = TOKEN): Record<string, string> {
  return {
    POSTS_DIR,
    SITE_URL: 'https://tech.webi.kr',
    TELEGRAM_TOKEN: token,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_MODERATORS: String(listedModerator.id),
    STATE_DIR: stateDir,
    // These suites fire commands at machine speed from one member; the rate limit has its own tests (test/reliability).
    RATE_MEMBER_BURST: '1000',
    POSTS_WATCH: 'false',
  };
}

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'briefbot-telegram-'));
  fake = await FakeTelegram.start({ token: TOKEN, username: BOT_USERNAME });
  briefbot = await startBriefbot({ env: envFor(fake.apiRoot), console: false, log });
});

afterAll(async () => {
  await briefbot?.stop();
  await fake?.close();
  rmSync(stateDir, { recursive: true, force: true });
  expect(log.lines.join('\n')).not.toContain(TOKEN);
});

afterEach(() => {
  // Every reply of a test was awaited by it: nothing left over leaks into the next test.
  expect(fake.requestsOf('sendMessage').every((r) => r.response !== undefined)).toBe(true);
});

/** Sends a command as `from` in their private chat and waits for the bot's next sendMessage. */
async function command(text: string, from = mina): Promise<RecordedRequest> {
  fake.pushMessage({ text, from });
  return fake.waitForRequest('sendMessage');
}

describe('starting', () => {
  it('registers the menu in Korean and English and starts long polling', async () => {
    const requests = fake.requestsOf('setMyCommands');
    const menus = Object.fromEntries(requests.filter((r) => !r.body.scope).map((r) => [r.body.language_code ?? 'default', r.body.commands]));
    const adminMenus = Object.fromEntries(
      requests.filter((r) => r.body.scope?.type === 'all_chat_administrators').map((r) => [r.body.language_code ?? 'default', r.body.commands]),
    );
    expect(menus.ko.map((c: { command: string }) => c.command)).toEqual(['summary', 'tag', 'tags', 'latest', 'ask', 'help']);
    expect(adminMenus.en.map((c: { command: string }) => c.command)).toEqual([
      'summary', 'tag', 'tags', 'latest', 'ask', 'reindex', 'subscribe', 'unsubscribe', 'subscriptions', 'status', 'questions', 'help',
    ]);
    expect(menus.en.find((c: { command: string }) => c.command === 'summary').description).toMatch(/[A-Za-z]/);
    expect(menus.default).toEqual(menus.ko); // BOT_LOCALE defaults to ko
    expect((await fake.waitForRequest('getUpdates')).body).toMatchObject({ timeout: 30 });
  });

  it('refuses a wrong token with a clear message that does not print it', async () => {
    const wrong = '7000000001:WrongTokenWrongTokenWrongToken_xyz';
    const failure = await startBriefbot({ env: envFor(fake.apiRoot, wrong), console: false, log }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(/^Telegram rejected the bot token/);
    expect(failure?.message).not.toContain(wrong);
  });
});

describe('commands', () => {
  it('/summary finds the Nvidia post and sends it with a preview and buttons to the post and the original', async () => {
    const sent = await command('/summary 엔비디아');
    const url = 'https://tech.webi.kr/posts/nvidia-rubin-gpu/';
    expect(sent.body.text).toMatch(new RegExp(`^<b><a href="${url}">Nvidia, 차세대 Rubin GPU로 데이터센터 전력 효율 두 배</a></b>\n`));
    expect(sent.body.text).toContain('• Nvidia가 차세대 Rubin GPU를 공개했습니다.');
    expect(sent.body.link_preview_options).toEqual({ url });
    expect(sent.body.reply_markup.inline_keyboard[0]).toEqual([
      { text: '글 보기', url },
      { text: '원문 보기', url: 'https://example.com/nvidia-rubin' },
    ]);
  });

  it('sends a post title with <b> and & escaped, and Telegram parses it', async () => {
    const sent = await command('/summary HTML 이스케이프');
    expect(sent.body.text).toContain(ESCAPED_TITLE);
    expect(sent.response.text).toMatch(/^HTML 이스케이프: <b> 태그와 & 기호를 채팅 봇에서 다루는 법\n/); // what members see
    expect(sent.body.text).toContain('• &lt;script&gt; 같은 태그는 반드시 이스케이프해야 합니다.');
    expect(sent.body.reply_markup.inline_keyboard[0][1]).toEqual({ text: '원문 보기', url: 'https://example.com/escaping?a=1&b=2' });
  });

  it('/tags lists the tags with their counts', async () => {
    const sent = await command('/tags');
    expect(visibleText(sent.body.text)).toContain('생성형 AI');
  });

  it('/latest 2 lists the two newest posts', async () => {
    const sent = await command('/latest 2');
    const text = visibleText(sent.body.text);
    expect(text).toContain('1. PostgreSQL 18의 비동기 I/O, 읽기 성능 세 배');
    expect(text).toContain('2. Kubernetes 1.35: 인플레이스 파드 리사이즈 정식 출시');
    expect(text).not.toContain('3. ');
  });

  it('/ask answers from the posts', async () => {
    const sent = await command('/ask PostgreSQL 18에서 읽기 성능은 얼마나 빨라졌나요?');
    expect(visibleText(sent.body.text)).toMatch(/세 배/);
  });

  it('/help and a plain /start list the commands; /start greets first', async () => {
    const help = visibleText((await command('/help')).body.text);
    expect(help).toContain('/summary');
    const start = visibleText((await command('/start')).body.text);
    expect(start).toContain('안녕하세요! 블로그 글을 요약해서 보여 드리는 briefbot입니다.');
    expect(start).toContain('/summary');
  });

  it('answers in English to a member whose Telegram is in English', async () => {
    const sent = await command('/summary Rust', sam);
    expect(sent.body.reply_markup.inline_keyboard[0][0]).toMatchObject({ text: 'Read the post' });
  });

  it('answers /summary@<its name> in a group and ignores a command for another bot', async () => {
    fake.pushMessage({ text: '/summary@other_bot Rust', from: sam, chat: group });
    fake.pushMessage({ text: `/summary@${BOT_USERNAME} Rust`, from: sam, chat: group });
    const sent = await fake.waitForRequest('sendMessage');
    expect(sent.body).toMatchObject({ chat_id: group.id, reply_parameters: { message_id: 2, allow_sending_without_reply: true } });
    expect(sent.body.text).toContain('Rust 2026');
    expect(fake.requestsOf('sendMessage').filter((r) => r.body.chat_id === group.id)).toHaveLength(1);
  });
});

describe('paging through a tag', () => {
  it('turns pages of a Korean tag with buttons whose data fits 64 bytes', async () => {
    const first = await command('/tag 생성형 AI');
    expect(visibleText(first.body.text)).toMatch(/^#생성형 AI 글 7개/);
    const [next] = first.body.reply_markup.inline_keyboard.at(-1);
    expect(next.text).toBe('다음 ▶');
    expect(Buffer.byteLength(next.callback_data)).toBeLessThanOrEqual(64);

    fake.pushCallbackQuery({ data: next.callback_data, message: first.response, from: mina });
    const page2 = await fake.waitForRequest('editMessageText');
    expect(page2.body).toMatchObject({ chat_id: mina.id, message_id: first.response.message_id });
    const text2 = visibleText(page2.body.text);
    expect(text2).toContain('2/2 쪽');
    expect(text2).toContain('Nvidia, 차세대 Rubin GPU'); // the oldest of the seven
    await fake.waitForRequest('answerCallbackQuery');

    const [previous] = page2.body.reply_markup.inline_keyboard.at(-1);
    expect(previous.text).toBe('◀ 이전');
    fake.pushCallbackQuery({ data: previous.callback_data, message: page2.response, from: mina });
    const back = await fake.waitForRequest('editMessageText');
    expect(visibleText(back.body.text)).toContain('1/2 쪽');
  });
});

describe('inline mode and deep links', () => {
  it('offers matching posts inline, and the post id opens the post as a deep link', async () => {
    const query = fake.pushInlineQuery({ query: 'Rust 에디션', from: mina });
    const answer = await fake.waitForRequest('answerInlineQuery');
    expect(answer.body.inline_query_id).toBe(query.inline_query.id);
    const [first] = answer.body.results;
    expect(first).toMatchObject({ type: 'article', title: 'Rust 2026 에디션: 비동기 클로저와 새 트레이트 해석기', url: 'https://tech.webi.kr/posts/rust-2026-edition/' });
    expect(first.input_message_content.parse_mode).toBe('HTML');
    expect(first.input_message_content.message_text).toContain('• Rust 2026 에디션이 안정화되었습니다.');
    expect(answer.body.results.length).toBeLessThanOrEqual(50);

    const opened = await command(`/start ${first.id}`);
    expect(opened.body.text).toContain('Rust 2026 에디션: 비동기 클로저와 새 트레이트 해석기');
    expect(opened.body.link_preview_options).toEqual({ url: 'https://tech.webi.kr/posts/rust-2026-edition/' });
  });

  it('says so when a deep link names no post', async () => {
    const sent = await command('/start nosuchpost');
    expect(sent.body.text).toBe('⚠️ 그 글을 찾을 수 없습니다. 글이 삭제되었거나 주소가 바뀌었을 수 있습니다.');
  });
});

describe('/reindex', () => {
  it('runs for a user listed in TELEGRAM_MODERATORS', async () => {
    fake.pushMessage({ text: '/help', from: listedModerator }); // opens the private chat
    await fake.waitForRequest('sendMessage');
    const sent = await command('/reindex', listedModerator);
    expect(visibleText(sent.body.text)).toMatch(/^다시 읽기 완료/);
  });

  it('runs for a group administrator and politely refuses a member', async () => {
    fake.setMemberStatus(group.id, admin.id, 'administrator');
    fake.pushMessage({ text: '/reindex', from: admin, chat: group });
    const done = await fake.waitForRequest('sendMessage');
    expect(done.body.chat_id).toBe(group.id);
    expect(visibleText(done.body.text)).toMatch(/^Reindex complete\n/);

    // Lee never opened a private chat with the bot: the private refusal gets 403 and lands in the group.
    const lee = { id: 4299, first_name: 'Lee', language_code: 'en' };
    fake.pushMessage({ text: '/reindex', from: lee, chat: group });
    const tried = await fake.waitForRequest('sendMessage');
    expect(tried).toMatchObject({ body: { chat_id: lee.id }, response: { error_code: 403 } });
    const refusal = await fake.waitForRequest('sendMessage');
    expect(refusal.body).toMatchObject({ chat_id: group.id, text: '⚠️ Only moderators can use this command.' });
  });
});

describe('failures', () => {
  it('retries a sendMessage refused with 429 after retry_after', async () => {
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    const refused = await command('/latest 1');
    const retried = await fake.waitForRequest('sendMessage');
    expect(refused.response.error_code).toBe(429);
    expect(retried.body).toEqual(refused.body);
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(990);
  });

  it('keeps running after a reply fails: logs it, apologises, and answers the next command', async () => {
    fake.failNext('sendMessage', { error_code: 400, description: "Bad Request: can't parse entities: injected" });
    await command('/tags');
    const apology = await fake.waitForRequest('sendMessage');
    expect(apology.body).toEqual({ chat_id: mina.id, text: '죄송합니다. 처리 중에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요.' });
    expect(log.lines.some((l) => l.includes('telegram: update failed') && l.includes('injected'))).toBe(true);
    const next = await command('/latest 1');
    expect(next.response.message_id).toBeGreaterThan(0);
  });
});
