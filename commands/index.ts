import type { Command, CommandOption } from '../src/bot/command.ts';
import { ask } from './ask.ts';
import { createHelp } from './help.ts';
import { latest } from './latest.ts';
import { post } from './post.ts';
import { reindex } from './reindex.ts';
import type { CommandServices } from './services.ts';
import { status } from './status.ts';
import { subscribe } from './subscribe.ts';
import { subscriptions } from './subscriptions.ts';
import { unsubscribe } from './unsubscribe.ts';
import { summary } from './summary.ts';
import { tag } from './tag.ts';
import { tags } from './tags.ts';
import { questions } from './questions.ts';
import { vote } from './vote.ts';

/** The explicit list of commands, in the order menus and help show them. */
export const commands: readonly Command<readonly CommandOption[], CommandServices>[] = [
  summary,
  tag,
  tags,
  latest,
  ask,
  reindex,
  subscribe,
  unsubscribe,
  subscriptions,
  status,
  questions,
  createHelp(() => commands),
  post,
  vote,
];
