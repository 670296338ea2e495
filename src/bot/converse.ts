/**
 * Free-text conversation: the one core entry platform adapters call when a member speaks to the
 * bot (a DM, a mention, a reply to one of its messages). Adapters only say what they saw
 * ({@link Heard}) and how to answer ({@link Voice}); whether to answer, how fast a member may
 * go, what the message asks and what a follow-up refers to is decided here.
 *
 * The routes reuse the commands (`summary`, `ask`, `latest`, `tags`, `help` through
 * {@link BotCore.execute}); what no command shows (a list on a topic, a date range of posts, the
 * date, links or details of the post shown last) is built here from the same library and index.
 */
import { planFollowUp, carryTopic, type FollowUpPlan } from '../conversation/followup.ts';
import type { ConversationStore, Shown, Turn } from '../conversation/memory.ts';
import type { QuestionLog } from '../conversation/questions.ts';
import { route as routeMessage, type Context, type Routed } from '../conversation/router.ts';
import { isWithin, type DateRange } from '../conversation/time.ts';
import { CONVERSATION_MESSAGES, type ConversationMessages } from '../i18n/conversation.ts';
import type { Locale } from '../i18n/index.ts';
import type { Post } from '../posts/types.ts';
import { errorFields, type Logger } from '../util/logger.ts';
import { neutralizeText, truncateAtWord } from '../util/text.ts';
import type { Invoker } from './command.ts';
import type { Invocation } from './core.ts';
import type { Engine } from './engine.ts';
import { FairScheduler, type FairnessOptions } from './fairness.ts';
import { postDay, postItem } from './post-reply.ts';
import type { Reply } from './reply.ts';
import { streamReply, type StreamClock, type StreamSink } from './stream.ts';

/** A message as an adapter saw it. */
export interface Heard {
  /** `telegram`, `discord`. */
  platform: string;
  /** The text, with the bot's own mention taken out. */
  text: string;
  invoker: Invoker;
  /** Platform-qualified chat or channel, e.g. `telegram:-100123`. */
  place: string;
  locale?: string;
  /** How it reached the bot: a private chat, a mention of the bot, a reply to one of its messages; `none` otherwise. */
  via: 'private' | 'mention' | 'reply' | 'none';
  /** Key of the bot message it replies to (`telegram:<chat>:<id>`), when it replies to one. */
  replyTo?: string;
  /** A conversation the platform keeps (a Discord thread id), when there is one. */
  thread?: string;
  /** Sent by a bot (this one included). */
  fromBot: boolean;
  /** Mentions @everyone / @here (or a whole role): never answered, even with the bot's mention in it. */
  broadcast?: boolean;
}

/** How the core answers: the adapter sends a reply in the place it heard the message. */
export interface Voice {
  /** Shows "typing…" while an answer is prepared (optional). */
  typing?(): Promise<void>;
  /** Sends `reply` as an answer to the heard message; returns the key of the sent message, if any. */
  send(reply: Reply): Promise<string | undefined>;
  /**
   * Shows an answer while it is written (the LLM layer on): partial replies, then the final one
   * in the same message where the platform can; `finish` returns the key of the final message.
   * Optional: without it an answer is sent once, by `send`.
   */
  stream?: StreamSink<string | undefined>;
}

/** What became of a heard message (for logs and tests). */
export type Outcome = 'ignored' | 'answered' | 'limited' | 'busy' | 'failed';

/** What {@link createConversation} needs; the composition root passes it in. */
export interface ConversationOptions {
  engine: Engine;
  /** The command core's execute: routes that are commands run through it. */
  execute(invocation: Invocation): Promise<Reply>;
  store: ConversationStore;
  /** Where questions and votes go (for moderators' /questions); without it nothing is logged and answers have no vote buttons. */
  questions?: QuestionLog;
  localeFor(platformLocale?: string): Locale;
  log: Logger;
  now?: () => Date;
  /** Per-member cooldown and per-chat cap of free text (defaults: see {@link FairScheduler}). */
  fairness?: FairnessOptions;
  /** A scheduler to share with commands instead of one of its own. */
  scheduler?: FairScheduler;
  /** How streamed answers are paced (tests pass a short interval or a fake clock); default once a second. */
  streaming?: { intervalMs?: number; clock?: StreamClock };
}

/** Posts per list page in conversation (lists are read on phones). */
const LIST_SIZE = 5;
/** Most posts a topic list searches among. */
const LIST_POOL = 50;
/** How much of each section "더 자세히" shows. */
const SECTION_CHARS = 350;
const MORE_SECTIONS = 4;

interface Answer {
  reply: Reply;
  turn?: Omit<Turn, 'at'>;
}

interface Ctx {
  heard: Heard;
  locale: Locale;
  t: ConversationMessages;
  now: Date;
  zone: string;
}

/** The conversation core: see the module comment. */
export interface Conversation {
  /** Hears one message; resolves once it is answered, ignored or refused. Never throws. */
  converse(heard: Heard, voice: Voice): Promise<Outcome>;
}

/** True when the message is spoken to the bot and may be answered. */
export function isAddressed(heard: Heard): boolean {
  return !heard.fromBot && !heard.broadcast && heard.via !== 'none' && neutralizeText(heard.text).trim().length > 0;
}

/**
 * Builds the conversation core.
 */
// Long because it is one closure over its dependencies: the small steps inside it (admission,
// routing, one function per kind of reply) share them, and each is short.
export function createConversation(options: ConversationOptions): Conversation {
  const { engine, store, log } = options;
  const clock = options.now ?? (() => new Date());
  const scheduler = options.scheduler ?? new FairScheduler(options.fairness);

  async function converse(heard: Heard, voice: Voice): Promise<Outcome> {
    if (!isAddressed(heard)) return 'ignored';
    const t = CONVERSATION_MESSAGES[options.localeFor(heard.locale)];
    let outcome: Outcome = 'answered';
    const admission = scheduler.submit({ chat: heard.place, member: heard.invoker.id }, async () => {
      outcome = await answer(heard, voice);
    });
    if (admission.kind === 'limited') {
      if (admission.notify) await sendQuietly(voice, { text: [t.slowDown], kind: 'notice' });
      return 'limited';
    }
    if (admission.kind === 'busy') {
      await sendQuietly(voice, { text: [t.busy], kind: 'notice' });
      return 'busy';
    }
    await admission.done;
    return outcome;
  }

  async function sendQuietly(voice: Voice, reply: Reply): Promise<void> {
    try {
      await voice.send(reply);
    } catch (error) {
      log.warn('conversation: could not send a notice', errorFields(error));
    }
  }

  async function answer(heard: Heard, voice: Voice): Promise<Outcome> {
    const locale = options.localeFor(heard.locale);
    const now = clock();
    const ctx: Ctx = { heard, locale, t: CONVERSATION_MESSAGES[locale], now, zone: engine.ready ? engine.library.site.timezone : 'UTC' };
    try {
      if (!engine.ready) {
        // Before the first load there is nothing to route to: the command core says so in its words.
        await voice.send(await invoke(ctx, 'latest', {}));
        return 'answered';
      }
      const conversation = heard.replyTo ? store.find(heard.replyTo) : heard.thread ? store.get(heard.thread) : undefined;
      const last = conversation?.turns.at(-1);
      const context: Context = last ? (`after-${last.shown}` as Context) : 'none';
      const routed = carryTopic(routeMessage(neutralizeText(heard.text), context, now, ctx.zone), last);
      if (routed.route === 'ask' && voice.typing) void voice.typing().catch(() => {});
      let turn: Answer['turn'];
      const produce = async (progress?: (partial: Reply) => void): Promise<Reply> => {
        const answered = await respond(routed, last, ctx, progress);
        turn = answered.turn;
        logQuestion(ctx, routed, answered.reply);
        return answered.reply;
      };
      // Only an answer is written while it is shown; everything else is ready at once.
      const key = routed.route === 'ask' && voice.stream
        ? await streamReply(produce, voice.stream, { log, ...options.streaming })
        : await voice.send(await produce());
      if (key && turn) store.record(conversation?.id ?? heard.thread ?? key, key, { ...turn, at: now.getTime() });
      log.debug('conversation', { platform: heard.platform, place: heard.place, route: routed.route, context });
      return 'answered';
    } catch (error) {
      log.error('conversation failed', { platform: heard.platform, place: heard.place, invoker: heard.invoker.id, ...errorFields(error) });
      await sendQuietly(voice, { text: [ctx.t.apology], kind: 'error' });
      return 'failed';
    }
  }

  /**
   * Logs a request for posts (a card, a list, an answer) with whether the blog had one; an answer
   * gets 👍 / 👎 buttons that vote on it.
   */
  function logQuestion(ctx: Ctx, routed: Routed, reply: Reply): void {
    if (!options.questions || !['ask', 'summary', 'topic-list'].includes(routed.route)) return;
    const answered = reply.kind !== 'error' && reply.kind !== 'notice';
    const asked = options.questions.record({ at: ctx.now.getTime(), memberId: ctx.heard.invoker.id, text: ctx.heard.text.trim(), topic: routed.query, answered });
    if (routed.route !== 'ask' || !answered) return;
    const vote = (v: 'up' | 'down', label: string) => ({ label, command: 'vote', args: { q: asked.id, v }, effect: 'new-message' as const });
    reply.actions = [...(reply.actions ?? []), vote('up', ctx.t.voteUp), vote('down', ctx.t.voteDown)];
  }

  function invoke(ctx: Ctx, command: string, args: Record<string, unknown>, progress?: (partial: Reply) => void): Promise<Reply> {
    const { heard } = ctx;
    return options.execute({
      command,
      args,
      invoker: heard.invoker,
      platform: heard.platform,
      place: heard.place,
      ...(heard.locale ? { locale: heard.locale } : {}),
      ...(progress ? { progress } : {}),
    });
  }

  async function respond(routed: Routed & { focus?: string[] }, last: Turn | undefined, ctx: Ctx, progress?: (partial: Reply) => void): Promise<Answer> {
    switch (routed.route) {
      case 'greeting':
        return { reply: { text: [ctx.t.greetingReply] } };
      case 'thanks':
        return { reply: { text: [ctx.t.thanksReply] } };
      case 'help':
      case 'tags':
        return { reply: await invoke(ctx, routed.route, {}) };
      case 'latest':
        if (routed.range && !routed.vague) return postsInRange(ctx, routed.range, routed.count ?? LIST_SIZE);
        return remembered('list', '', await invoke(ctx, 'latest', routed.count ? { count: Math.min(10, routed.count) } : {}));
      case 'topic-list':
        return topicList(ctx, routed.query, routed.range, 1, []);
      case 'summary':
        return remembered('card', routed.query, await invoke(ctx, 'summary', { query: routed.query, ...whenArg(routed) }));
      case 'ask': {
        // A time expression in the question filters what it is answered from ("지난주 엔비디아 글에서 …").
        const reply = await invoke(ctx, 'ask', { question: routed.query, ...whenArg(routed) }, progress);
        return remembered('answer', routed.query, reply, routed.query);
      }
      default:
        return followUp(ctx, planFollowUp(routed.route, last, routed.pick));
    }
  }

  /** A calendar range as the `when` option; the loose 요즘 / recently range filters nothing. */
  function whenArg(routed: Routed): { when?: string } {
    return routed.range && !routed.vague ? { when: `${routed.range.from}..${routed.range.to}` } : {};
  }

  /** A command's reply, with the posts it shows remembered for follow-ups. */
  function remembered(shown: Shown, topic: string, reply: Reply, question?: string): Answer {
    if (reply.kind === 'error') return { reply };
    const postIds = postsShownIn(reply).map((post) => post.id);
    return { reply, turn: { shown, postIds, topic, ...(question ? { question } : {}) } };
  }

  /** The posts a reply links to, in order: its title's post first, then its items'. */
  function postsShownIn(reply: Reply): Post[] {
    const byUrl = new Map(engine.library.all().map((post) => [post.url, post] as const));
    const urls = [reply.url, ...(reply.items ?? []).map((item) => item.url)];
    const posts = urls.map((url) => (url ? byUrl.get(url) : undefined)).filter((post): post is Post => post !== undefined);
    return [...new Map(posts.map((post) => [post.id, post])).values()];
  }

  function published(ctx: Ctx, range?: DateRange): (post: Post) => boolean {
    return (post) => engine.library.isPublished(post, ctx.now) && (!range || isWithin(post.date, range, ctx.zone));
  }

  function postsInRange(ctx: Ctx, range: DateRange, count: number): Answer {
    const label = ctx.t.inRange(range.from, range.to);
    const inRange = engine.library.published(ctx.now).filter(published(ctx, range));
    const posts = inRange.length > 0 ? inRange : engine.library.published(ctx.now);
    const shown = posts.slice(0, Math.min(10, count));
    const reply: Reply = {
      title: ctx.t.latestInRangeTitle(label),
      text: inRange.length > 0 ? [] : [ctx.t.nothingInRange(label)],
      items: shown.map(postItem),
    };
    return { reply, turn: { shown: 'list', postIds: shown.map((post) => post.id), topic: '', range, page: 1 } };
  }

  function topicList(ctx: Ctx, topic: string, range: DateRange | undefined, page: number, exclude: readonly string[]): Answer {
    const keep = (post: Post) => !exclude.includes(post.id);
    const search = (withRange: boolean) =>
      engine.index.search(topic, { limit: LIST_POOL, filter: published(ctx, withRange ? range : undefined) }).map((hit) => hit.post).filter(keep);
    let posts = search(Boolean(range));
    const text: string[] = [];
    if (range && posts.length === 0) {
      posts = search(false).sort((a, b) => b.date.getTime() - a.date.getTime());
      if (posts.length > 0) text.push(ctx.t.nothingInRange(ctx.t.inRange(range.from, range.to)));
    }
    const shown = posts.slice((page - 1) * LIST_SIZE, page * LIST_SIZE);
    if (shown.length === 0) return { reply: { text: [page > 1 || exclude.length ? ctx.t.noOtherPosts : ctx.t.noTopicMatch(topic)], kind: 'notice' } };
    const title = range ? `${ctx.t.topicListTitle(topic)} · ${ctx.t.inRange(range.from, range.to)}` : ctx.t.topicListTitle(topic);
    const reply: Reply = { title, text, items: shown.map(postItem) };
    return { reply, turn: { shown: 'list', postIds: shown.map((post) => post.id), topic, page, ...(range ? { range } : {}) } };
  }

  function followUp(ctx: Ctx, plan: FollowUpPlan): Answer {
    if (plan.kind === 'nothing') return { reply: { text: [ctx.t.forgotten], kind: 'notice' } };
    if (plan.kind === 'other') return topicList(ctx, plan.topic, plan.range, plan.page, plan.exclude);
    const post = engine.library.get(plan.postId);
    if (!post) return { reply: { text: [ctx.t.forgotten], kind: 'notice' } };
    const turn = { shown: 'card' as const, postIds: [post.id], topic: post.title };
    if (plan.kind === 'date') return { reply: { title: post.title, url: post.url, text: [ctx.t.publishedOn(post.title, postDay(post))] }, turn };
    if (plan.kind === 'link') {
      const links = [{ label: ctx.t.readPost, url: post.url }, ...(post.sourceUrl ? [{ label: ctx.t.readSource, url: post.sourceUrl }] : [])];
      const text = post.sourceUrl ? [ctx.t.linksOf(post.title), post.sourceUrl] : [ctx.t.noSource, post.url];
      return { reply: { title: post.title, url: post.url, text, links }, turn };
    }
    const sections = post.sections.filter((section) => section.text.trim()).slice(0, MORE_SECTIONS);
    const text = sections.length > 0 ? sections.flatMap((s) => [s.heading, truncateAtWord(s.text, SECTION_CHARS)].filter(Boolean)) : [truncateAtWord(post.text, SECTION_CHARS * 2)];
    return { reply: { title: ctx.t.moreOf(post.title), url: post.url, text }, turn };
  }

  return { converse };
}
