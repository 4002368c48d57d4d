// An import in two steps: a preview (nothing written; the secrets found stay here, in memory, under
// a one-time id) and a confirmation with a choice per row. Secrets go to the keychain only, through
// the profile service; the source file is only ever read (the window sends its text).
import { randomUUID } from 'node:crypto';
import { withoutHiddenWords } from '../../app/hidden-text';
import { DEFAULT_GRANT_TYPE, PRESETS } from '../../app/endpoints';
import {
  guessEndpoint,
  IMPORT_FORMAT_LABELS,
  previewRow,
  TakenNames,
  type FoundCredential,
  type ImportChoice,
  type ImportPreview,
  type ImportRow,
  type ImportRowResult,
} from '../../app/import-preview';
import type { IpcFailure } from '../../app/ipc-contract';
import { KEYCHAIN_ADVICE, KEYCHAIN_DOWN, MAX_SECRET_BYTES, type KeychainProblem } from '../../app/keychain';
import {
  MAX_PROFILES,
  nameKey,
  profileFieldsSchema,
  profileNameSchema,
  sameName,
  type ProfileFields,
} from '../../app/profiles';
import { ipcFailure } from '../ipc/router';
import type { ProfileService } from '../profiles/profile-service';
import { NotWritable } from '../storage/json-store';
import { TAKEN_OVER } from '../storage/folder-taken-over';
import { FILE_PROBLEMS, fileProblemOf } from '../storage/file-problems';
import type { ReadResult } from './credential-formats';

/** Long enough to read a preview and decide; a forgotten one does not keep secrets in memory. */
const PREVIEW_LIFETIME_MS = 15 * 60_000;
const MAX_OPEN_PREVIEWS = 4;

interface OpenPreview {
  readonly expiresAt: number;
  readonly found: ReadonlyMap<string, FoundCredential>;
  /** Row id → the saved profile its name clashed with in the preview: the only one it may replace. */
  readonly clashesWith: ReadonlyMap<string, string>;
}

export interface ImportServiceOptions {
  readonly profiles: ProfileService;
  readonly now: () => number;
  readonly newId?: () => string;
  /** The summary's "nothing is saved until …": the window's button, or the command line's answer. */
  readonly howToConfirm?: string;
}

export type PreviewAnswer = { readonly ok: true; readonly preview: ImportPreview } | IpcFailure;
export type ImportAnswer = { readonly ok: true; readonly results: readonly ImportRowResult[] } | IpcFailure;

export function fieldsFor(found: FoundCredential, name: string): ProfileFields {
  const endpoint = guessEndpoint(found);
  return {
    name,
    clientId: found.clientId,
    preset: endpoint.preset,
    tokenUrl:
      endpoint.preset === 'custom'
        ? endpoint.tokenUrl
        : (PRESETS[endpoint.preset].tokenUrl ?? endpoint.tokenUrl),
    grantType: found.grantType || DEFAULT_GRANT_TYPE,
    scope: found.scope ?? PRESETS[endpoint.preset].scope,
  };
}

/**
 * The row, not importable and saying why, when the profile or the secret it would save could not
 * be saved (a scope or token URL past its limit, a secret longer than a keychain is asked to keep):
 * checked as `confirm` checks it. Offered as importable, such a row failed once confirmed, and
 * the command line, which imports every importable row, had written the rows before it.
 */
function unsavable(found: FoundCredential, row: ImportRow): ImportRow {
  if (!row.importable) return row;
  const why: ImportRow['findings'][number][] = [];
  const fields = profileFieldsSchema.safeParse(fieldsFor(found, row.name));
  for (const issue of fields.success ? [] : fields.error.issues) {
    // The name is the user's to change (and profileNameFrom's to make valid): the fields are not.
    const field = issue.path[0];
    if (field === 'clientId' || field === 'tokenUrl' || field === 'scope' || field === 'grantType')
      why.push({ field, message: `${issue.message.replace(/\.$/, '')}: this row cannot be imported.` });
  }
  if (
    found.clientSecret !== null &&
    new TextEncoder().encode(found.clientSecret).byteLength > MAX_SECRET_BYTES
  )
    why.push({
      field: 'clientSecret',
      message: `The client secret is longer than ${MAX_SECRET_BYTES} bytes, which not every keychain keeps: this row cannot be imported.`,
    });
  return why.length === 0 ? row : { ...row, importable: false, findings: [...row.findings, ...why] };
}

/**
 * Said before anything is written: rows past MAX_PROFILES saved in all would each fail.
 * `makeRoom`: what the user can do where this is said (the window's preview lets rows be skipped).
 */
export function overCap(
  rows: number,
  saved: number,
  makeRoom = 'skip some rows, or delete profiles first',
): string {
  const room = Math.max(0, MAX_PROFILES - saved);
  if (rows <= room) return '';
  return ` At most ${MAX_PROFILES} profiles can be saved and ${saved} ${saved === 1 ? 'is' : 'are'}, so only ${room} more can be imported: ${makeRoom}.`;
}

export function createImportService({
  profiles,
  now,
  newId = randomUUID,
  howToConfirm = 'you press Import',
}: ImportServiceOptions) {
  const open = new Map<string, OpenPreview>();

  function forgetExpired() {
    for (const [id, preview] of open) if (preview.expiresAt <= now()) open.delete(id);
    while (open.size >= MAX_OPEN_PREVIEWS) open.delete(open.keys().next().value as string);
  }

  return {
    /** Rows for what was read; nothing is written. */
    async preview(read: ReadResult): Promise<PreviewAnswer> {
      if (!read.ok) {
        // The message can quote the file (a section's or a key's name): a text-direction control
        // there would make the app's own words after it read backwards in the window.
        const message = withoutHiddenWords(read.message);
        return ipcFailure('invalid-input', message, [{ field: 'text', message }]);
      }
      forgetExpired();
      const savedProfiles = await profiles.saved();
      // Names looked up by key, not compared with each: see TakenNames.
      const savedIds = new Map<string, string>();
      for (const p of savedProfiles) if (!savedIds.has(nameKey(p.name))) savedIds.set(nameKey(p.name), p.id);
      // Two saved names can compare alike (saved by a version that told lookalike letters or
      // characters drawn as nothing apart): a row clashes with the one of exactly its name first,
      // as the file spells it (an export of "Prod\u200b" and "Prod" has two rows named "Prod":
      // matched by the row's name alone, both were bound to "Prod", and "replace" gave it the
      // other's settings), then as the row shows it.
      const exactIds = new Map(savedProfiles.map((p) => [p.name, p.id]));
      const saved = new TakenNames(savedProfiles.map((p) => p.name));
      const taken = new TakenNames(savedProfiles.map((p) => p.name));
      const found = new Map<string, FoundCredential>();
      const clashesWith = new Map<string, string>();
      const rows = read.found.map((credential, index) => {
        const rowId = `row-${index + 1}`;
        found.set(rowId, credential);
        const row = unsavable(credential, previewRow(credential, rowId, taken, saved));
        const clash =
          exactIds.get(credential.name.trim()) ?? exactIds.get(row.name) ?? savedIds.get(nameKey(row.name));
        if (clash !== undefined) clashesWith.set(rowId, clash);
        // Two rows of one file with one name clash with each other too.
        taken.add(row.clash ? row.suggestedName : row.name);
        return row;
      });
      // Rows that cannot be imported (no client ID, a value that cannot be saved) are never written:
      // the window cannot choose them and the command line skips them, so they do not count here.
      const importable = rows.filter((row) => row.importable).length;
      const elsewhere = rows.filter((row) => row.importable && row.sendsTo?.whose === 'other').length;
      const previewId = newId();
      open.set(previewId, { expiresAt: now() + PREVIEW_LIFETIME_MS, found, clashesWith });
      // A preview nobody confirms does not keep the file's secrets in memory past its lifetime,
      // even if no other import comes along to clear it.
      setTimeout(() => open.delete(previewId), PREVIEW_LIFETIME_MS).unref();
      return {
        ok: true,
        preview: {
          previewId,
          format: read.format,
          formatLabel: IMPORT_FORMAT_LABELS[read.format],
          summary: `${IMPORT_FORMAT_LABELS[read.format]}: ${rows.length} found.${elsewhere === 0 ? '' : ` ${elsewhere === 1 ? 'One sends its' : `${elsewhere} send their`} secret to a host other than Telstra's token hosts and this computer (said on ${elsewhere === 1 ? 'its row' : 'their rows'}).`}${overCap(importable, await profiles.count())} Secrets go to the keychain only; nothing is saved until ${howToConfirm}.`,
          rows,
        },
      };
    },

    /**
     * The user's one confirmation: each chosen row becomes a profile. A clash is never overwritten
     * unless the user chose `replace` for that row.
     */
    /** `stopped`: asked before each row; once true, the rows not yet done are left (Ctrl-C). */
    async confirm(
      previewId: string,
      choices: readonly ImportChoice[],
      stopped: () => boolean = () => false,
    ): Promise<ImportAnswer> {
      forgetExpired();
      const preview = open.get(previewId);
      if (!preview) return ipcFailure('not-found', 'This preview has expired. Choose the file again.');
      open.delete(previewId);
      const results: ImportRowResult[] = [];
      // Only a profile saved before this confirmation can be replaced, never one it just added.
      const savedBefore = await profiles.saved();
      const replacedIds = new Set<string>();
      // A keychain down for one row (not answering, locked, unreachable) is down for the rest: each
      // row with a secret is told so without asking again (a keychain that does not answer costs
      // its whole limit each time; a locked one, an unlock prompt each).
      let keychainDown: string | null = null;
      const advice = (problem: KeychainProblem): string =>
        `${KEYCHAIN_ADVICE[problem].title}. ${KEYCHAIN_ADVICE[problem].remedy}`;
      const downSaid = (problem: KeychainProblem) => (KEYCHAIN_DOWN.has(problem) ? advice(problem) : null);
      // Another program took the data folder over (storage/folder-taken-over.ts): the row that
      // found it says so, and no later row is tried (each would be refused the same way).
      let takenOver: string | null = null;
      for (const choice of choices) {
        const found = preview.found.get(choice.rowId);
        const name = profileNameSchema.safeParse(choice.name);
        const result = (
          status: ImportRowResult['status'],
          message: string,
          secret: ImportRowResult['secret'] = null,
        ) =>
          results.push({ rowId: choice.rowId, name: name.success ? name.data : '', status, secret, message });
        if (stopped()) result('skipped', 'Not imported: stopped before its turn.');
        else if (!found) result('failed', 'This row is not part of the preview.');
        else if (choice.action === 'skip') result('skipped', 'Skipped.');
        else if (takenOver !== null) result('failed', takenOver);
        else if (!name.success) result('failed', name.error.issues[0]?.message ?? 'The name is not valid.');
        else if (found.clientId === '') result('failed', 'No client ID was found for this row.');
        else {
          const secret = found.clientSecret === '' ? null : found.clientSecret;
          const fields = profileFieldsSchema.safeParse(fieldsFor(found, name.data));
          if (!fields.success) {
            result('failed', fields.error.issues[0]?.message ?? 'This row cannot be saved as a profile.');
            continue;
          }
          // Replacing is the user's explicit answer to the clash the preview showed: only the saved
          // profile that row clashed with, still under that name, once, and never handing its
          // secret to another client ID.
          let replaced: (typeof savedBefore)[number] | undefined;
          if (choice.action === 'replace') {
            const targetId = preview.clashesWith.get(choice.rowId);
            replaced = savedBefore.find((p) => p.id === targetId);
            const refusal =
              replaced === undefined || !sameName(replaced.name, name.data)
                ? 'The saved profile this row would replace is gone or was renamed since the preview: choose the file again.'
                : replacedIds.has(replaced.id)
                  ? 'Another row of this file already replaces that saved profile.'
                  : secret === null && replaced.clientId !== fields.data.clientId
                    ? 'The file has no secret for this row and names another client ID, so the saved secret cannot stay with it: add the secret to the file, or import the row under another name.'
                    : null;
            if (refusal !== null || replaced === undefined) {
              result('failed', refusal ?? 'Nothing to replace.');
              continue;
            }
            replacedIds.add(replaced.id);
          }
          if (keychainDown !== null && secret !== null) {
            result('failed', keychainDown);
            continue;
          }
          let saved: Awaited<ReturnType<typeof profiles.add>>;
          try {
            saved = replaced
              ? await profiles.save(
                  { profileId: replaced.id, fields: fields.data, secret },
                  // A row without a secret reads the state of the one saved before: a read that
                  // finds the keychain down is down for the rest of the rows too.
                  {
                    down: keychainDown !== null,
                    unread: (problem) => void (keychainDown ??= downSaid(problem)),
                  },
                )
              : await profiles.add(fields.data, secret);
          } catch (error) {
            // The profiles file could not be written (the keychain was not touched): said for this
            // row, and the rows after it are still tried, each for itself (not after a takeover).
            const said = error instanceof NotWritable ? error.message : unwritten(error);
            if (said === TAKEN_OVER) takenOver = said;
            result('failed', said);
            continue;
          }
          if (saved.ok) {
            const what = replaced ? 'Replaced the saved profile of this name' : 'Imported';
            const state = saved.profile.secretState;
            result(
              'imported',
              secret !== null
                ? `${what}.`
                : state === 'stored'
                  ? `${what}; the file had no secret, so the one saved before is kept.`
                  : // The keychain could not be read (down): a secret saved before is kept, if any.
                    state === 'unknown'
                    ? `${what}; the file had no secret, so the one saved before, if any, is kept (the keychain could not be asked).`
                    : `${what}; its secret is missing.`,
              state === 'stored' ? 'stored' : state === 'unknown' ? null : 'missing',
            );
          } else if ('problem' in saved) {
            const said = advice(saved.problem);
            if (KEYCHAIN_DOWN.has(saved.problem)) keychainDown = said;
            // The keychain refused the secret and the file could not take the profile out again:
            // said so, or the row read as not written at all while its profile is listed.
            if ('keptWithoutSecret' in saved)
              result(
                'failed',
                `Its secret was not saved (${saved.advice.title}), and the profiles file could not be written to take the profile out again: it is listed with its secret missing. Type the secret in the app and save, or delete the profile.`,
              );
            else result('failed', said);
          } else result('failed', saved.message);
        }
      }
      return { ok: true, results };
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;

/** Why the profiles file refused this row, when the disk says (chattr +i, a full disk). */
function unwritten(error: unknown): string {
  const code = fileProblemOf(error);
  const why = code === null ? '' : ` (${FILE_PROBLEMS[code]})`;
  return `The profiles file could not be written${why}, so this profile was not saved.`;
}
