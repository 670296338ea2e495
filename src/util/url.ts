/**
 * The one URL check: every URL that leaves the bot (links, buttons, images, thumbnails,
 * previews) passes it, so a post can never smuggle a `javascript:` or `data:` URL out.
 */

/** Longest URL briefbot lets out (Discord's link buttons take 512). */
export const MAX_URL_LENGTH = 512;

/**
 * Whether `url` is an absolute http(s) URL of at most `max` characters without credentials
 * (`https://user:pass@host` would show a password to everyone, or disguise the real host).
 */
export function isWebUrl(url: string | undefined, max = MAX_URL_LENGTH): url is string {
  if (!url || url.length > max) return false;
  try {
    const { protocol, username, password } = new URL(url);
    return (protocol === 'http:' || protocol === 'https:') && !username && !password;
  } catch {
    return false;
  }
}
