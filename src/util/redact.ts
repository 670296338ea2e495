/**
 * Token redaction, at the bottom of the house so the logger and the platform adapters (which
 * describe errors before any logger sees them) share one rule.
 */

/** Telegram puts the token in every API URL (`/bot<token>/method`); errors quote such URLs. */
const TELEGRAM_TOKEN_PATTERN = /\d{5,}:[A-Za-z0-9_-]{20,}/g;

/** Replaces every known secret, and anything shaped like a bot token, with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  return out.replace(TELEGRAM_TOKEN_PATTERN, '[redacted]');
}
