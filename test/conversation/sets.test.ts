/**
 * Well-formedness of the conversation example sets. There is no routing or time code yet: these
 * tests only make sure the sets say what README.md promises, so the scoring tests of the
 * conversation issue can trust them.
 */
import { describe, expect, it } from 'vitest';
import {
  CONTEXTS,
  FOLLOWUP_ROUTES,
  loadRoutingExamples,
  loadTimeExamples,
  PARTS,
  ROUTES,
  type Part,
} from './sets.ts';

const MIN_TIME_EXAMPLES = 130;
const MIN_ROUTING_EXAMPLES = 160;
const MIN_PER_ROUTE_AND_PART = 5;
const MIN_DISTINCT_NOWS = 5;
const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;

const timeExamples = loadTimeExamples();
const routingExamples = loadRoutingExamples();

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

/** Seoul keeps +09:00 all year (no daylight saving), so its date is the UTC date nine hours on. */
function seoulDateOf(instant: string): string {
  return new Date(Date.parse(instant) + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

function countByPart<T extends { part?: Part }>(examples: T[]): Record<Part, number> {
  return { dev: examples.filter((e) => e.part === 'dev').length, heldout: examples.filter((e) => e.part === 'heldout').length };
}

describe('the time-expression set', () => {
  it(`has at least ${MIN_TIME_EXAMPLES} examples with unique ids of the form t001`, () => {
    expect(timeExamples.length).toBeGreaterThanOrEqual(MIN_TIME_EXAMPLES);
    const ids = timeExamples.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^t\d{3}$/);
  });

  it('gives every example a trimmed text, an instant with an explicit offset, a part, and no unknown field', () => {
    for (const example of timeExamples) {
      expect(example.text.length, example.id).toBeGreaterThan(0);
      expect(example.text, example.id).toBe(example.text.trim());
      expect(example.now, example.id).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
      expect(Number.isNaN(Date.parse(example.now)), example.id).toBe(false);
      expect(PARTS, example.id).toContain(example.part);
      expect(Object.keys(example).filter((key) => !['id', 'text', 'now', 'expect', 'topic', 'note', 'part'].includes(key)), example.id).toEqual([]);
      if (example.note !== undefined) expect(example.note.length, example.id).toBeGreaterThan(0);
    }
  });

  it('labels each range with real calendar dates, from on or before to', () => {
    for (const example of timeExamples) {
      if (example.expect === null) continue;
      expect(Object.keys(example.expect).sort(), example.id).toEqual(['from', 'to']);
      expect(isCalendarDate(example.expect.from), `${example.id} from ${example.expect.from}`).toBe(true);
      expect(isCalendarDate(example.expect.to), `${example.id} to ${example.expect.to}`).toBe(true);
      expect(example.expect.from <= example.expect.to, example.id).toBe(true);
    }
  });

  it('keeps the whole text as the topic when there is no time expression, and a shorter one when there is', () => {
    for (const example of timeExamples) {
      if (example.expect === null) expect(example.topic, example.id).toBe(example.text);
      else expect(example.topic.length, `${example.id} ${example.text}`).toBeLessThan(example.text.length);
      expect(example.topic, example.id).toBe(example.topic.trim());
    }
  });

  it('has texts with and without a time expression in both parts, split about evenly', () => {
    for (const hasRange of [true, false]) {
      const counts = countByPart(timeExamples.filter((e) => (e.expect !== null) === hasRange));
      for (const part of PARTS) expect(counts[part], `${part} ${hasRange ? 'range' : 'no time'}`).toBeGreaterThanOrEqual(MIN_PER_ROUTE_AND_PART);
      expect(Math.abs(counts.dev - counts.heldout)).toBeLessThanOrEqual(1);
    }
  });

  it('asks at several instants, one of them a UTC instant that is already the next day in Seoul', () => {
    expect(new Set(timeExamples.map((e) => e.now)).size).toBeGreaterThanOrEqual(MIN_DISTINCT_NOWS);
    const nextDayInSeoul = timeExamples.filter((e) => e.now.endsWith('Z') && seoulDateOf(e.now) !== e.now.slice(0, 10));
    expect(nextDayInSeoul.length).toBeGreaterThan(0);
  });
});

describe('the routing set', () => {
  it(`has at least ${MIN_ROUTING_EXAMPLES} examples with unique ids of the form m001, each message once per context`, () => {
    expect(routingExamples.length).toBeGreaterThanOrEqual(MIN_ROUTING_EXAMPLES);
    const ids = routingExamples.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^m\d{3}$/);
    const pairs = routingExamples.map((e) => `${e.context}\u0000${e.text}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('gives every example a trimmed text, a known context and route, a part, and no unknown field', () => {
    for (const example of routingExamples) {
      expect(example.text.length, example.id).toBeGreaterThan(0);
      expect(example.text, example.id).toBe(example.text.trim());
      expect(CONTEXTS, example.id).toContain(example.context);
      expect(ROUTES, example.id).toContain(example.expect);
      expect(PARTS, example.id).toContain(example.part);
      expect(Object.keys(example).filter((key) => !['id', 'text', 'context', 'expect', 'note', 'part'].includes(key)), example.id).toEqual([]);
      if (example.note !== undefined) expect(example.note.length, example.id).toBeGreaterThan(0);
    }
  });

  it(`has at least ${MIN_PER_ROUTE_AND_PART} examples of every route in each part, split about evenly`, () => {
    for (const route of ROUTES) {
      const counts = countByPart(routingExamples.filter((e) => e.expect === route));
      for (const part of PARTS) expect(counts[part], `${route} in ${part}`).toBeGreaterThanOrEqual(MIN_PER_ROUTE_AND_PART);
      expect(Math.abs(counts.dev - counts.heldout), route).toBeLessThanOrEqual(1);
    }
  });

  it('labels a follow-up only where the bot showed something before', () => {
    const withoutContext = routingExamples.filter((e) => FOLLOWUP_ROUTES.includes(e.expect) && e.context === 'none');
    expect(withoutContext.map((e) => e.id)).toEqual([]);
  });

  it('has, for every kind of follow-up, one of its texts sent without context, labelled ask or summary', () => {
    for (const route of FOLLOWUP_ROUTES) {
      const texts = new Set(routingExamples.filter((e) => e.expect === route).map((e) => e.text));
      const alone = routingExamples.filter((e) => e.context === 'none' && texts.has(e.text));
      expect(alone.length, route).toBeGreaterThan(0);
      for (const example of alone) expect(['ask', 'summary'], example.id).toContain(example.expect);
    }
  });

  it('has questions with their own topic inside a thread, labelled as new requests rather than follow-ups', () => {
    const newInThread = routingExamples.filter((e) => e.context !== 'none' && ['ask', 'summary', 'topic-list'].includes(e.expect));
    expect(newInThread.length).toBeGreaterThanOrEqual(3);
  });
});
