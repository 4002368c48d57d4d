// The window's saved profiles, from the command line: the same data folder, the same file code,
// the same keychain entries. Loaded only by the commands that use profiles, because the profile
// code brings the file schema (zod) and the keychain (keytar) with it.
import path from 'node:path';
import type { Profile } from '../../../app/profiles';
import { readConfig } from '../../config';
import { createKeychain } from '../../profiles/keychain';
import { createProfileService } from '../../profiles/profile-service';
import { createProfileStore } from '../../profiles/profile-store';
import { userDataDir } from '../../user-data-dir';
import { visibleControls } from '../format/terminal-safe';
import type { CliIo, Output } from '../io';
import { PROGRAM } from '../usage';
import { helperKeytar } from '../keychain/helper-keytar';
import { watchLateWrites } from '../keychain/late-writes';
import { lockDataFolder } from '../../browser/data-lock';
import type { StillHeld } from '../../storage/folder-taken-over';
import { holderProcess } from '../../browser/lock-elsewhere';

/** Built beside this chunk (vite.config.ts); keytar runs there, not in this process. */
const HELPER = path.join(__dirname, 'keychain-helper.cjs');

/**
 * `work` while this process holds the data folder, or which process holds it now: what a command
 * that does not hold the folder does before it sets the profiles file aside or rewrites it
 * (main/storage/json-store.ts, whileHeld). A folder whose lock cannot be made (a read-only disk)
 * gets `work` as it is: it then says why nothing could be set aside.
 */
export function holdingDataFolder(dataDir: string) {
  return async <R>(
    work: () => Promise<R>,
  ): Promise<{ held: true; value: R } | { held: false; by: string }> => {
    const lock = await lockDataFolder(dataDir, 'the command line').catch(() => null);
    if (lock !== null && !lock.ok)
      return { held: false, by: `${lock.heldBy}, ${lock.pid ? holderProcess(lock) : 'process unknown'}` };
    try {
      return { held: true, value: await work() };
    } finally {
      await lock?.release();
    }
  };
}

/**
 * `dataDirSwitch`: the value of --user-data-dir, or null. `holds`: this command holds the data
 * folder (an import that may write) and changes the profiles file as it must; any other command
 * takes the folder first for that, and leaves the file alone while another process holds it.
 * `stillHeld` (with `holds`): asked before each write, file or keychain (folder-taken-over.ts).
 */
export function openProfiles(io: CliIo, dataDirSwitch: string | null, holds = false, stillHeld?: StillHeld) {
  const config = readConfig(io.env);
  const { platform, env, homeDir, cwd } = io;
  const dataDir = userDataDir({ platform, env, homeDir, cwd, switchValue: dataDirSwitch });
  const now = () => io.now();
  const held = holds ? stillHeld : undefined;
  const store = createProfileStore(dataDir, now, holds ? undefined : holdingDataFolder(dataDir), held);
  const keychain = createKeychain({
    service: config.keychainService,
    timeoutMs: config.keychainTimeoutMs,
    load: () => helperKeytar(HELPER),
    isolated: true,
  });
  watchLateWrites(keychain, config.keychainTimeoutMs, config.keychainService);
  return { dataDir, store, profiles: createProfileService({ store, keychain, now, stillHeld: held }) };
}

/**
 * For a read whose notices are never told (savedNow): the file is taken to be held by another
 * process, so nothing is set aside, rewritten or removed. Held for it, a file damaged (or a
 * leftover made) since the command's first read was set aside, or copied and rewritten, and the
 * notice that says so thrown away; the command that reads it next says so.
 */
const neverHeld = () => Promise.resolve({ held: false as const, by: 'not this read' });

/**
 * The profile as the file has it now, read afresh: the app (another process) may have saved or
 * deleted it since this command read the file. Null when it is no longer saved; undefined when the
 * file cannot be read cleanly now, which then says nothing either way. The app moves a profile to
 * a new endpoint by removing its secret, then writing the file, then saving the new secret: a
 * secret read after this command read the file is still that profile's if the file has not
 * changed since.
 */
export async function savedNow(dataDir: string, profileId: string): Promise<Profile | null | undefined> {
  const onDisk = await createProfileStore(dataDir, Date.now, neverHeld)
    .load()
    .catch(() => null);
  // A later version's profiles kept unlisted (profile-store.ts, held) are said at every read: no
  // sign that the file changed, or could not be read cleanly.
  const told = onDisk?.held === undefined ? 0 : 1;
  if (onDisk === null || onDisk.notices.length > told || onDisk.writable === false) return undefined;
  return onDisk.profiles.find((p) => p.id === profileId) ?? null;
}

/**
 * Whether the profile as saved now is the one read before: the same save (its time), and the same
 * fields a request sends (a clock that repeats a millisecond, or was set back, can give a later
 * save the same time).
 */
export function sameSave(before: Profile, now: Profile): boolean {
  return (
    now.updatedAt === before.updatedAt &&
    now.preset === before.preset &&
    now.tokenUrl === before.tokenUrl &&
    now.clientId === before.clientId &&
    now.grantType === before.grantType &&
    now.scope === before.scope
  );
}

/** What to do when no profile is saved: save one in the app, or import one from a terminal. */
export function saveOrImport(runAs: string): string {
  return `Save one in the app, or import them: ${runAs} profiles import FILE (or --from-env).`;
}

/**
 * When the list is empty: none saved, or, when loading the file had something to tell (it could
 * not be read, it was set aside), none that could be read, which saving another would not mend.
 */
export function noProfiles(dataDir: string, notices: readonly string[], runAs: string): string {
  return notices.length > 0
    ? `No profiles could be read from ${dataDir}; the notice above says why.`
    : `No profiles are saved in ${dataDir}. ${saveOrImport(runAs)}`;
}

/**
 * What the profiles file's loading must tell the user (set aside as damaged, left alone as
 * unreadable, entries left out), on standard error, whatever the command and its output format.
 */
export function tellNotices(notices: readonly string[], output: Output): void {
  // A notice can quote a file name from the data folder.
  for (const notice of notices) output.err.line(`${PROGRAM}: ${visibleControls(notice)}`);
}
