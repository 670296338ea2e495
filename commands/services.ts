/**
 * The services commands may use beyond the catalog, as `ctx.services`. The composition root
 * (src/main.ts) builds this object and hands it to the core; the core passes it through without
 * knowing what is in it, so src/bot depends on no feature. Every service is optional: a command
 * whose service is absent says so to the person who ran it.
 */
import type { AnnouncementsPort } from '../src/announce/port.ts';
import type { CommandContext } from '../src/bot/command.ts';
import type { ConnectionStatus } from '../src/util/health.ts';
import type { QuestionLog } from '../src/conversation/questions.ts';

export interface CommandServices {
  /** Subscriptions and delivery status; absent when no platform can announce. */
  announcements?: AnnouncementsPort;
  /** The platform connections' states (issue 13), shown by /status. */
  health?: { all(): ConnectionStatus[] };
  /** What members asked in free text and their votes; absent when the question log is off. */
  questions?: QuestionLog;
}

/** The context of a command that uses {@link CommandServices}. */
export type ServiceContext = CommandContext<CommandServices>;
