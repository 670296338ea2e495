/**
 * The one i18n module. UI strings live here, one namespace (file) per feature: `core.ts` for
 * the command core, `announce.ts` for announcements and their commands, `discord.ts` for what
 * only the Discord adapter shows. This file holds what every namespace shares: the locales,
 * the locale lookup and the shape of a message table. It imports nothing but TypeScript.
 */

/** UI languages briefbot speaks. */
export type Locale = 'ko' | 'en';

export const LOCALES: readonly Locale[] = ['ko', 'en'];

/** Text in each UI language (command and option descriptions). */
export type Localized = Record<Locale, string>;

/**
 * Picks a UI locale from what a platform says about the user (`ko`, `ko-KR`, `en-US`, ...);
 * anything else falls back to the bot's default.
 */
export function resolveLocale(platformLocale: string | undefined, fallback: Locale): Locale {
  const lang = platformLocale?.toLowerCase().split(/[-_]/)[0];
  return lang === 'ko' || lang === 'en' ? lang : fallback;
}

/**
 * The type of a namespace's message table, derived from its Korean table (the reference): the
 * same keys, strings stay strings, functions keep their parameters. Other languages are checked
 * against it, so a missing or misshapen translation is a type error.
 */
export type MessagesOf<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};
