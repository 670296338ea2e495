/**
 * `npm run deploy-commands`: registers the slash commands with Discord, in DISCORD_GUILD_ID
 * (instant) or globally (may take up to an hour to appear). The bot also does this at start when
 * the definitions changed; the script is for doing it on purpose, e.g. before the first start.
 * A composition root of its own (commands, configuration, the state folder), so it lives in src/.
 */
import { pathToFileURL } from 'node:url';
import { DiscordAPIError, REST, Routes, type APIApplication } from 'discord.js';
import { commands } from '../commands/index.ts';
import type { Logger } from './util/logger.ts';
import { loadConfig } from './config.ts';
import { commandPayloads, registerCommands } from './platforms/discord/registration.ts';
import { fileRegistrationMemo } from './registration-memo.ts';

export interface DeployResult {
  applicationId: string;
  /** `guild <id>` or `global`. */
  scope: string;
  commands: string[];
}

/**
 * Registers every visible command. Reads the configuration from `env` (DISCORD_TOKEN,
 * DISCORD_API_BASE, DISCORD_GUILD_ID, STATE_DIR); DISCORD_APPLICATION_ID is optional and is
 * otherwise asked of Discord (GET /oauth2/applications/@me).
 */
export async function deployCommands(env: Record<string, string | undefined>, log: Logger): Promise<DeployResult> {
  const config = loadConfig(env);
  if (!config.discord) throw new Error('deploy-commands: DISCORD_TOKEN is not set');
  const { token, apiBase, guildId } = config.discord;
  const rest = new REST(apiBase ? { api: apiBase } : {}).setToken(token);
  try {
    const applicationId =
      env.DISCORD_APPLICATION_ID?.trim() || ((await rest.get(Routes.oauth2CurrentApplication())) as APIApplication).id;
    const payloads = commandPayloads(commands);
    await registerCommands({ rest, applicationId, guildId, payloads, memo: fileRegistrationMemo(config.stateDir), force: true, log });
    return { applicationId, scope: guildId ? `guild ${guildId}` : 'global', commands: payloads.map((p) => p.name) };
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) {
      throw new Error('deploy-commands: Discord rejected DISCORD_TOKEN (401 Unauthorized); copy the bot token again from the Developer Portal');
    }
    throw error;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

async function main(): Promise<void> {
  const { config: loadDotenv } = await import('dotenv');
  loadDotenv({ quiet: true });
  const print = (msg: string) => process.stdout.write(`${msg}\n`);
  const log: Logger = { debug() {}, info: print, warn: print, error: print };
  try {
    const result = await deployCommands(process.env, log);
    print(`Registered ${result.commands.map((name) => `/${name}`).join(' ')} (${result.scope}, application ${result.applicationId}).`);
    if (result.scope === 'global') print('Global commands can take up to an hour to appear; set DISCORD_GUILD_ID for instant ones while testing.');
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
