/** Suggestions for an option being typed (Discord autocomplete): post titles or tags. */
import type { Logger } from '../util/logger.ts';
import { normalizeTag, truncate } from '../util/text.ts';
import type { Command } from './command.ts';
import type { Choice } from './core.ts';
import type { Engine } from './engine.ts';

/** Discord's bounds on autocomplete answers. */
const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

export interface AutocompleteOptions {
  commands: readonly Command[];
  engine: Engine;
  log: Logger;
  now: () => Date;
}

/** See {@link BotCore.autocomplete}: never throws, at most 25 choices of at most 100 characters. */
export function createAutocomplete(options: AutocompleteOptions): (command: string, option: string, partial: string) => Choice[] {
  const { engine, log, now } = options;
  const byName = new Map(options.commands.map((c) => [c.name, c]));

  function tagChoices(typed: string): Choice[] {
    const key = normalizeTag(typed);
    return engine.library
      .tags(now())
      .filter((t) => t.key.includes(key))
      .slice(0, MAX_CHOICES)
      .map((t) => ({ name: truncate(`${t.tag} (${t.count})`, MAX_CHOICE_CHARS), value: truncate(t.tag, MAX_CHOICE_CHARS) }));
  }

  function postChoices(typed: string): Choice[] {
    const { library, index } = engine;
    const at = now();
    const isPublished = (post: Parameters<typeof library.isPublished>[0]) => library.isPublished(post, at);
    const posts = typed
      ? index.suggest(typed, { limit: MAX_CHOICES, filter: isPublished }).map((hit) => hit.post)
      : library.published(at).slice(0, MAX_CHOICES);
    return posts.map((post) => ({ name: truncate(post.title, MAX_CHOICE_CHARS), value: truncate(post.title, MAX_CHOICE_CHARS) }));
  }

  return (commandName, optionName, partial) => {
    try {
      const option = byName.get(commandName)?.options.find((o) => o.name === optionName);
      if (!option || option.type !== 'string' || !option.autocomplete || !engine.ready) return [];
      const typed = partial.trim().slice(0, MAX_CHOICE_CHARS);
      return option.autocomplete === 'tags' ? tagChoices(typed) : postChoices(typed);
    } catch (error) {
      log.error('autocomplete failed', { command: commandName, option: optionName, error: String(error) });
      return [];
    }
  };
}
