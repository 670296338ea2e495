/** UI strings only the Discord adapter shows (slash-command registration). */
import type { Localized } from './index.ts';

/** Description of the `private` option added to every visible slash command. */
export const PRIVATE_OPTION_DESCRIPTION: Localized = {
  en: 'Show the answer only to me',
  ko: '나에게만 보이게 답하기',
};
