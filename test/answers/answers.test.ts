/**
 * Today's /ask, run through the real core on the real corpus (101 posts), over the question set
 * of issue 11 (questions.json, written from the posts before /ask was read, split once by
 * split.ts). Figures for the development and held-out halves are printed apart.
 *
 * The floors are what /ask reaches (see FLOORS), rounded down to 0.05, so a drop shows at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/posts/load.ts';
import type { Post } from '../../src/posts/types.ts';
import { coreFor, fixture, run } from '../helpers/core.ts';
import { REAL_CORPUS, describeRealCorpus, hasRealCorpus } from '../helpers/corpus.ts';
import { askThroughCore, replyToAnswer } from './ask-adapter.ts';
import { type AnswerEvaluation, evaluateAnswers, formatEvaluation } from './metrics.ts';
import { FOCUSES, type Part, factPatterns, loadQuestions } from './set.ts';
import { TUNING_SEED, splitBatches, splitDevForTuning } from './split.ts';

/**
 * Issue 11's extractive /ask (src/answer), measured on both halves and rounded down to 0.05:
 * near-miss honesty rose from 0.29/0.36 to 0.75/0.75; answerable held-out FELL from 0.64 to
 * 0.54 (dev 0.67 → 0.67): one or two sentences hold the fact less often than three passages did.
 * Quoting the cited post's best passage under its source then took answerable to 0.71 dev /
 * 0.58 held-out.
 *
 * a11c added a second batch of 69 questions (field `batch`, split with its own seed) and tuned on
 * dev only. Both batches together, before → after a11c (docs/answers-baseline.md):
 * answerable dev 0.64 → 0.85, held-out 0.59 → 0.67; near-miss dev 0.72 → 0.85, held-out
 * 0.77 → **0.72**. Held-out near-miss honesty got WORSE (the a11c batch 9/11 → 7/11), so its
 * floor is 0.70, below the 0.75 it had on the first batch alone; said here on purpose.
 * Targets not met: answerable ≥ 0.90, near-miss ≥ 0.85 on held-out.
 *
 * Merged with s10c-search (issue 10's second round: larger glossary, letter names, vague senses):
 * dev answerable 0.85 → 0.84 (63 → 62/74), so its floor is 0.80; the rest unchanged
 * (dev near-miss 0.85, held-out 0.67 / 0.72).
 *
 * a11d added a third batch of 53 (30 answerable, 23 near-misses; own seed) and tuned on dev only.
 * All three batches, before → after a11d: answerable dev 0.83 → 0.87, held-out 0.68 → 0.67
 * (one question WORSE); near-miss dev 0.81 → 0.88, held-out 0.74 → 0.78. The held-out near-miss
 * floor rises to 0.75; the others stay. Targets still not met.
 * Measured on main with s10c, a11c and a11d merged: dev 0.85 (76/89) / 0.88 (46/52), held-out
 * 0.68 (60/88) / 0.78 (39/50).
 *
 * a11e added a fourth batch of 59 (36 answerable, 23 near-misses; own seed) and tuned on dev only.
 * All four batches, before → after a11e: answerable dev 0.81 → 0.88 (87 → 94/107), held-out
 * 0.67 → **0.66** (71 → 70/106, WORSE); near-miss dev 0.86 → 0.89 (55 → 57/64), held-out 0.82 →
 * **0.80** (50 → 49/61, WORSE). The dev gains did not carry to held-out; floors follow the
 * measured figures: held-out near-miss rises to 0.80 (measured 0.80), the rest stay.
 * On main with s10e-search merged too: dev 0.89 (95/107) / 0.89 (57/64), held-out 0.66 (70/106) /
 * 0.80 (49/61); the dev near-miss s10e's search cost (q138 ZeroDayRAT) is still answered.
 *
 * a11f split dev into tune/check (splitDevForTuning) and added two fresh batches (a11f, a11f2: 33
 * each, own seeds, written and split before any tuning on them). Its rule changes raised dev and
 * lowered held-out (0.66 → 0.65, 0.75 → 0.72 on all six batches), so only the batches and the
 * split were merged; main's code on all six batches: dev 0.83 (107/129) / 0.86 (65/76), held-out
 * 0.66 (85/128) / 0.75 (53/71). The fresh batches pull dev answerable below 0.85 (their dev halves
 * are untuned: 12/22) and held-out near-miss below 0.80; the floors follow, said here on purpose.
 *
 * s21 added two fresh batches (a11h, a11h2: 55 each, written without running /ask, own seeds drawn
 * before they were written). On them main's code, untuned, passes answerable 33/72 (0.46) and
 * near-miss 24/38 (0.63): the honest distance to the targets. All eight batches on that code: dev
 * 0.76 (126/165) / 0.80 (77/96), held-out 0.60 (99/164) / 0.73 (65/89); the floors follow.
 *
 * s22 added two more (a11i, a11i2: 55 each, same method, seeds committed before writing). Main's
 * code at 1bcabe0, untuned to them, passes answerable 30/72 (0.42) and near-miss 26/38 (0.68);
 * Korean answerable 11/34. All ten batches: dev 0.72 (145/201) / 0.78 (90/116), held-out 0.61
 * (122/200) / 0.72 (77/107). The dev floors fall to 0.70 / 0.75, said here on purpose.
 *
 * Then a11i-honest (held-out answerable −3, near-miss +4) and a11i-decline (+1) were merged by the
 * s22 rule, and two more fresh batches came (a11j, a11j2: 55 each, 60 Korean). On that code a11j*
 * pass answerable 38/72 and near-miss 22/38 (English near-miss 6/17). All twelve batches: dev 0.72
 * (170/237) / 0.82 (112/136), held-out 0.58 (136/236) / 0.73 (91/125): the held-out answerable floor
 * falls to 0.55, said here on purpose.
 *
 * After a11i-korean and two more fresh batches (a11k, a11k2; English near-miss 4/15 on them):
 * fourteen batches dev 0.72 (196/273) / 0.79 (124/156), held-out 0.57 (155/272) / 0.71 (102/143).
 * After a11j-english (merged by the rule: 287 → 290): dev 0.73 (199/273) / 0.83 (129/156),
 * held-out 0.57 (154/272) / 0.73 (105/143). Floors unchanged.
 *
 * s23 added two more (a11l, a11l2: 55 each, same method, seeds committed before writing, 3c55b83).
 * Main's code at 542e34b, untuned to them, passes answerable 29/72 (0.40) and near-miss 17/38
 * (0.45; English 3/15). All sixteen batches: dev 0.69 (214/309) / 0.78 (137/176), held-out 0.55 (168/308) /
 * 0.71 (114/161). The answerable floors fall to 0.65 / 0.50, said here on purpose.
 * s23-english (vocabulary) then s23-korean were merged by the s23 rule (held-out halves + a11l*
 * whole: 305 → 316 → 317). The second traded held-out near-miss for answerable (all held-out:
 * 177 → 182 / 115 → 111, 0.69), so the held-out near-miss floor falls to 0.65, said here on purpose.
 * Then s23-synonyms, s23-howwhy, s23-qualifier and s23-retrieve (319 → 325 → 329 → 335). At the end
 * of s23: a11l* answerable 38/72, near-miss 19/38; all sixteen batches dev 0.82 (253/309) / 0.87
 * (153/176), held-out 0.62 (191/308) / 0.70 (112/161). The floors follow: dev 0.80 / 0.85, held-out
 * 0.60 / 0.65.
 *
 * s24 added two more (a11m, a11m2: 55 each, same method, seeds committed before writing, 4809423).
 * Main's code at 4809423, untuned to them, passes answerable 34/72 (0.47) and near-miss 28/38
 * (0.74). All eighteen batches: dev 0.79 (273/345) / 0.86 (168/196), held-out 0.596 (205/344) /
 * 0.70 (125/179): the answerable floors fall to 0.75 / 0.55, said here on purpose.
 *
 * s25 added two more (a11n, a11n2: 55 each, same method, seeds committed before writing, 24a94ba).
 * Main's code at 24a94ba, untuned to them, passes answerable 40/72 (0.56) and near-miss 28/38
 * (0.74). All twenty batches: dev 0.77 (295/381) / 0.847 (183/216), held-out 0.59 (223/380) /
 * 0.70 (138/197): the dev near-miss floor falls to 0.80, said here on purpose.
 *
 * s26 added two more (a11o, a11o2: 55 each, same method, seeds committed before writing, dae40d8).
 * Main's code at dae40d8, untuned to them, passes answerable 43/72 (0.60) and near-miss 23/38
 * (0.61). All twenty-two batches: dev 0.80 (332/417) / 0.81 (192/236), held-out 0.61 (254/416) /
 * 0.67 (144/215): the floors stay. After the s26 merges (83e8a98): a11o* 47/72 (0.65) / 26/38
 * (0.68); all twenty-two batches dev 0.85 (354/417) / 0.83 (196/236), held-out 0.62 (257/416) /
 * 0.70 (150/215): the answerable floors rise to 0.80 dev and 0.60 held-out.
 *
 * s27 added two more (a11p, a11p2: 55 each, same method, seeds committed before writing, 902dfcc).
 * Main's code at 902dfcc, untuned to them, passes answerable 54/72 (0.75) and near-miss 26/38
 * (0.68). All twenty-four batches: dev 0.85 (383/453) / 0.82 (210/256), held-out 0.62 (282/452) /
 * 0.70 (162/233): the floors stay. After the s27 merges (ebaae82): a11p* 57/72 (0.79) / 27/38
 * (0.71); all twenty-four batches dev 0.88 (397/453) / 0.84 (215/256), held-out 0.64 (291/452) /
 * 0.70 (164/233): the floors stay, a margin below every part.
 */
const FLOORS: Record<Part, { answerable: number; nearMiss: number }> = {
  dev: { answerable: 0.80, nearMiss: 0.80 },
  heldout: { answerable: 0.60, nearMiss: 0.65 },
};
const PARTS: Part[] = ['dev', 'heldout'];
const questions = loadQuestions();
let posts: Map<string, Post>;
const evaluations = {} as Record<Part, AnswerEvaluation>;

beforeAll(async () => {
  if (!hasRealCorpus) return;
  const { library } = await loadLibrary({ postsDir: REAL_CORPUS });
  posts = new Map(library.all().map((post) => [post.id, post]));
  const { core, engine } = await coreFor(REAL_CORPUS, { siteUrl: 'https://tech.webi.kr' });
  for (const part of PARTS) {
    evaluations[part] = await evaluateAnswers(questions.filter((q) => q.part === part), askThroughCore(core, () => engine.library));
    console.log(`/ask on the ${part} questions:\n${formatEvaluation(evaluations[part])}`);
  }
}, 120_000);

describeRealCorpus('the question set', () => {
  it('has at least 96 questions, a third of them near-misses, every focus five times, in both languages', () => {
    expect(questions.length).toBeGreaterThanOrEqual(96);
    expect(questions.filter((q) => q.kind === 'near-miss').length * 3).toBeGreaterThanOrEqual(questions.length);
    for (const focus of FOCUSES) expect(questions.filter((q) => q.focus === focus).length, focus).toBeGreaterThanOrEqual(5);
    for (const lang of ['ko', 'en']) expect(questions.filter((q) => q.lang === lang).length, lang).toBeGreaterThanOrEqual(30);
  });

  it('has a second batch (a11c) of at least 40, a third near-misses, in both languages, on both parts', () => {
    const batch = questions.filter((q) => q.batch === 'a11c');
    expect(batch.length).toBeGreaterThanOrEqual(40);
    expect(batch.filter((q) => q.kind === 'near-miss').length * 3).toBeGreaterThanOrEqual(batch.length);
    for (const lang of ['ko', 'en']) expect(batch.filter((q) => q.lang === lang).length, lang).toBeGreaterThanOrEqual(15);
    for (const part of PARTS) expect(batch.filter((q) => q.part === part).length, part).toBeGreaterThanOrEqual(30);
  });

  it('has a third batch (a11d) of at least 45: 20 near-misses, 25 answerable, half of them English, on both parts', () => {
    const batch = questions.filter((q) => q.batch === 'a11d');
    const answerable = batch.filter((q) => q.kind === 'answerable');
    expect(batch.length).toBeGreaterThanOrEqual(45);
    expect(batch.filter((q) => q.kind === 'near-miss').length).toBeGreaterThanOrEqual(20);
    expect(answerable.length).toBeGreaterThanOrEqual(25);
    expect(answerable.filter((q) => q.lang === 'en').length * 2).toBeGreaterThanOrEqual(answerable.length);
    for (const part of PARTS) expect(batch.filter((q) => q.part === part).length, part).toBeGreaterThanOrEqual(20);
  });

  it('has a fourth batch (a11e) of at least 50: 30 answerable (half English, mostly reason/method/name/amount), 20 near-misses, on both parts', () => {
    const batch = questions.filter((q) => q.batch === 'a11e');
    const answerable = batch.filter((q) => q.kind === 'answerable');
    const weighted = answerable.filter((q) => ['reason', 'method', 'name', 'amount'].includes(q.focus));
    expect(batch.length).toBeGreaterThanOrEqual(50);
    expect(batch.filter((q) => q.kind === 'near-miss').length).toBeGreaterThanOrEqual(20);
    expect(answerable.length).toBeGreaterThanOrEqual(30);
    expect(weighted.length * 2).toBeGreaterThan(answerable.length);
    expect(answerable.filter((q) => q.lang === 'en').length * 2).toBeGreaterThanOrEqual(answerable.length);
    for (const part of PARTS) expect(batch.filter((q) => q.part === part).length, part).toBeGreaterThanOrEqual(25);
  });

  it.each(['a11f', 'a11f2'])('has a batch %s of at least 30, a third near-misses, in both languages, on both parts', (name) => {
    const batch = questions.filter((q) => q.batch === name);
    expect(batch.length).toBeGreaterThanOrEqual(30);
    expect(batch.filter((q) => q.kind === 'near-miss').length * 3).toBeGreaterThanOrEqual(batch.length);
    for (const lang of ['ko', 'en']) expect(batch.filter((q) => q.lang === lang).length, lang).toBeGreaterThanOrEqual(12);
    for (const part of PARTS) expect(batch.filter((q) => q.part === part).length, part).toBeGreaterThanOrEqual(15);
  });

  it('has unique ids and names only real posts', () => {
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const q of questions) {
      expect(q.expect.length, q.id).toBeGreaterThan(0);
      for (const id of q.expect) expect(posts.has(id), `${q.id} → ${id}`).toBe(true);
    }
  });

  it('gives every answerable question its facts and every near-miss what the blog lacks', () => {
    for (const q of questions) {
      const [needed, absent] = q.kind === 'answerable' ? [q.fact, q.missing] : [q.missing, q.fact];
      expect(needed?.length ?? 0, `${q.id} ${q.kind}`).toBeGreaterThan(0);
      expect(absent, `${q.id} ${q.kind}`).toBeUndefined();
    }
  });

  it('has facts that compile, appear in an expected post, and are not in the question itself', () => {
    for (const q of questions.filter((question) => question.kind === 'answerable')) {
      const patterns = factPatterns(q);
      const inAPost = q.expect.some((id) => patterns.some((pattern) => pattern.test(posts.get(id)!.text)));
      expect(inAPost, `${q.id} fact not found in ${q.expect.join(', ')}`).toBe(true);
      expect(patterns.some((pattern) => pattern.test(q.question)), `${q.id} states its own fact`).toBe(false);
    }
  });

  it('is split once: both halves hold both kinds, and every part is what split.ts draws from its seed', () => {
    const drawn = splitBatches(questions);
    for (const q of questions) expect(q.part, q.id).toBe(drawn.get(q.id));
    for (const part of PARTS) {
      for (const kind of ['answerable', 'near-miss']) {
        expect(questions.filter((q) => q.part === part && q.kind === kind).length, `${part} ${kind}`).toBeGreaterThanOrEqual(25);
      }
    }
  });
});

describe('the tune/check split of the development questions (a11f)', () => {
  const tuning = splitDevForTuning(questions);

  it('puts every dev question, and only those, in "tune" or "check", about 30% in "check", both kinds in both', () => {
    const dev = questions.filter((q) => q.part === 'dev');
    expect([...tuning.keys()].sort()).toEqual(dev.map((q) => q.id).sort());
    const checked = dev.filter((q) => tuning.get(q.id) === 'check');
    expect(checked.length / dev.length).toBeGreaterThan(0.25);
    expect(checked.length / dev.length).toBeLessThan(0.35);
    for (const kind of ['answerable', 'near-miss']) {
      expect(checked.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(15);
    }
  });

  it('is what the recorded seed draws, and another seed draws another split', () => {
    expect(splitDevForTuning(questions, TUNING_SEED)).toEqual(tuning);
    expect(splitDevForTuning(questions, TUNING_SEED + 1)).not.toEqual(tuning);
  });
});

describe('reading a /ask reply as an answer', () => {
  it('takes the lead and the sources as the text, and the cited posts, in order, as the sources', async () => {
    const { core, engine } = await coreFor(fixture('command-posts'));
    const reply = await run(core, 'ask', { question: 'Rust 컴파일은 얼마나 빨라졌나요?' });
    const answer = replyToAnswer(reply, engine.library);
    expect(answer.answered).toBe(true);
    expect(answer.sources[0]).toEqual({ id: 'rust-2026-edition', url: 'https://blog.example/posts/rust-2026-edition/' });
    expect(answer.text).toMatch(/30%/);
  });

  it('counts "no post mentions X; the closest post is …" as not answered, citing nothing', async () => {
    const { core, engine } = await coreFor(fixture('command-posts'));
    const reply = await run(core, 'ask', { question: 'Rust 2027 에디션 컴파일은 얼마나 빨라졌나요?' });
    expect(reply.kind).toBe('notice');
    expect(replyToAnswer(reply, engine.library)).toMatchObject({ answered: false, sources: [] });
  });

  it('counts the "posts don’t answer that" reply as not answered, citing nothing', async () => {
    const { core, engine } = await coreFor(fixture('command-posts'));
    const reply = await run(core, 'ask', { question: 'What is the capital of Peru?' }, { locale: 'en' });
    expect(replyToAnswer(reply, engine.library)).toMatchObject({ answered: false, sources: [] });
  });
});

describeRealCorpus('/ask on the real corpus', () => {
  it.each(PARTS)('answers %s answerable questions with the right post and the fact at least as often as the floor', (part) => {
    expect(evaluations[part].overall.answerable.rate).toBeGreaterThanOrEqual(FLOORS[part].answerable);
  });

  it.each(PARTS)('declines %s near-miss questions at least as often as the floor', (part) => {
    expect(evaluations[part].overall.nearMiss.rate).toBeGreaterThanOrEqual(FLOORS[part].nearMiss);
  });
});
