/**
 * Where the Discord adapter remembers its last slash-command registration: one file in the state
 * folder. A composition-root file, so that platforms do no file access of their own; main.ts and
 * deploy.ts build it and hand it to the adapter.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RegistrationMemo } from './platforms/discord/registration.ts';

/** File in the state folder holding the hash of the last registration. */
export const REGISTRATION_HASH_FILE = 'discord-commands.sha256';

/** A memo kept in `<stateDir>/discord-commands.sha256`; a missing or unreadable file reads as none. */
export function fileRegistrationMemo(stateDir: string): RegistrationMemo {
  const file = join(stateDir, REGISTRATION_HASH_FILE);
  return {
    async read() {
      const text = await readFile(file, 'utf8').catch(() => '');
      return text.trim() || undefined;
    },
    async write(hash) {
      await mkdir(stateDir, { recursive: true });
      await writeFile(file, `${hash}\n`);
    },
  };
}
