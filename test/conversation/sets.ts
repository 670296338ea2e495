/**
 * The labelled example sets for free-text conversation (issue 12): how a message is routed, and
 * which date range a time expression means. Written before the conversation code so that the
 * code is measured against what members type, not against what it happens to do. The scoring
 * tests of the conversation issue read them through these loaders; conventions in README.md.
 */
import { readFileSync } from 'node:fs';
import type { Route } from '../../src/conversation/router.ts';

/** `dev` examples may be looked at while building; `heldout` ones only measure the result. */
export type Part = 'dev' | 'heldout';
export const PARTS: readonly Part[] = ['dev', 'heldout'];

/** An inclusive range of calendar dates (YYYY-MM-DD) in the site's time zone, Asia/Seoul. */
export interface DateRange {
  from: string;
  to: string;
}

/** One message and the date range its time expression means at the instant `now`. */
export interface TimeExample {
  id: string;
  text: string;
  /** ISO 8601 instant with an explicit offset (`+09:00` or `Z`). */
  now: string;
  /** `null` when the text has no time expression (versions, counts, names that look like dates). */
  expect: DateRange | null;
  /** The text without its time expression and the particles that belonged to it; the whole text when `expect` is null. */
  topic: string;
  /** Why the label is what it is, where a reader could doubt it. */
  note?: string;
  /** Absent only before split.ts has assigned it. */
  part?: Part;
}

/** What the bot should do with a free-text message: the router's own routes (the labels are written apart from its rules, the names are shared). */
export type { Route };
export const ROUTES: readonly Route[] = [
  'summary',
  'ask',
  'latest',
  'topic-list',
  'tags',
  'help',
  'greeting',
  'followup-date',
  'followup-link',
  'followup-more',
  'followup-other',
  'thanks',
];
/** Routes that refer to what the bot showed last, so they need a context other than `none`. */
export const FOLLOWUP_ROUTES: readonly Route[] = ['followup-date', 'followup-link', 'followup-more', 'followup-other'];

/** What the bot's previous message in the conversation was, if the message replies to one. */
export type Context = 'none' | 'after-card' | 'after-answer' | 'after-list';
export const CONTEXTS: readonly Context[] = ['none', 'after-card', 'after-answer', 'after-list'];

/** One message, the conversation it arrives in, and the route it should take. */
export interface RoutingExample {
  id: string;
  text: string;
  context: Context;
  expect: Route;
  /** Why the label is what it is, where a reader could doubt it. */
  note?: string;
  /** Absent only before split.ts has assigned it. */
  part?: Part;
}

export const TIME_EXAMPLES_FILE = new URL('./time-expressions.json', import.meta.url);
export const ROUTING_EXAMPLES_FILE = new URL('./routing.json', import.meta.url);

/** The time-expression examples, in file order. */
export function loadTimeExamples(): TimeExample[] {
  return JSON.parse(readFileSync(TIME_EXAMPLES_FILE, 'utf8')) as TimeExample[];
}

/** The routing examples, in file order. */
export function loadRoutingExamples(): RoutingExample[] {
  return JSON.parse(readFileSync(ROUTING_EXAMPLES_FILE, 'utf8')) as RoutingExample[];
}
