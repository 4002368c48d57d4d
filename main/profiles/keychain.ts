// The OS keychain, through keytar (loaded by ./keytar.ts, the only file that does). Everything else
// sees the small `Keychain` interface (and tests can hand in a double). keytar is loaded on first
// use, so nothing touches the keychain until a profile is.
import { settledWithin } from '../storage/pending-work';
import {
  DEFAULT_KEYCHAIN_TIMEOUT_MS,
  KEYCHAIN_ADVICE,
  MAX_SECRET_BYTES,
  type KeychainProblem,
} from '../../app/keychain';
import { loadKeytar, type Keytar } from './keytar';

export type { Keytar } from './keytar';

export type IfLate = { readonly putBack: string | null } | 'keep';

export interface Keychain {
  /**
   * A write the app gave up on (the keychain did not answer in time) is reported as failed, so the
   * caller records nothing. `ifLate` says what happens if it completes later anyway: `putBack`
   * restores what the entry held before (null: no entry), so no secret is left in the keychain
   * that no profile knows of, or that its profile was not saved with; `keep` keeps it (a write
   * that is itself putting a secret back).
   */
  setSecret(account: string, secret: string, ifLate: IfLate): Promise<void>;
  /** Null when there is no entry. */
  getSecret(account: string): Promise<string | null>;
  /** False when there was no entry to delete. */
  deleteSecret(account: string): Promise<boolean>;
  /** The accounts that have an entry under the app's service name. */
  accounts(): Promise<ReadonlySet<string>>;
  /**
   * True where a read that finds no entry lists the keychain to tell a missing entry from a
   * locked keychain (keytar in a helper, on Linux): a run over many profiles lists once instead.
   */
  readonly listsOnMissing?: boolean;
}

export class KeychainError extends Error {
  constructor(
    readonly problem: KeychainProblem,
    detail?: string,
  ) {
    super(detail ? `${KEYCHAIN_ADVICE[problem].title}: ${detail}` : KEYCHAIN_ADVICE[problem].title);
    this.name = 'KeychainError';
  }
}

/** keytar is an optional dependency: an install without libsecret or a C++ toolchain skips it. */
export function isNotInstalled(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'MODULE_NOT_FOUND' ||
    code === 'ERR_MODULE_NOT_FOUND' ||
    (typeof message === 'string' && /cannot find (module|package) ['"]keytar/i.test(message))
  );
}

const PATTERNS: ReadonlyArray<readonly [RegExp, KeychainProblem]> = [
  [/stub received bad data|too large|too long|exceeds/i, 'too-large'],
  [/locked|user interaction is not allowed|unlock/i, 'locked'],
  // D-Bus's own refusal (a sandbox's policy, flatpak or snap without the keychain permission):
  // named D-Bus, but the service is there and said no.
  [/\bDBus\.Error\.AccessDenied\b/i, 'denied'],
  [
    // Also GDBus's words for a DBUS_SESSION_BUS_ADDRESS it cannot read (empty, "garbage": "The
    // given address is empty", "Address element … does not contain a colon"), and a Secret
    // Service without the default keyring to store in (gnome-keyring started by D-Bus on a
    // machine where no one logged in: "Object does not exist at path
    // /org/freedesktop/secrets/collection/login"): each was "an unexpected error, try again".
    /d-?bus|secret ?service|org[./]freedesktop[./]secrets|autolaunch|\$DISPLAY|x11|no such interface|not provided by any|could not connect|no such file|connection refused|not available|libsecret|cannot find module|ELF|NODE_MODULE_VERSION|did not self-register|given address|address element|unsupported transport|error in address/i,
    'unavailable',
  ],
  [/cancel|denied|not allowed|permission|authori[sz]|dismiss/i, 'denied'],
];

/** Maps whatever keytar (libsecret, Keychain Services, Credential Manager) threw to a problem. */
export function classifyKeychainError(error: unknown): KeychainProblem {
  if (error instanceof KeychainError) return error.problem;
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, problem] of PATTERNS) if (pattern.test(message)) return problem;
  return 'other';
}

function asKeychainError(error: unknown): KeychainError {
  if (error instanceof KeychainError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  return new KeychainError(classifyKeychainError(error), raw.slice(0, 200));
}

/** A keychain that hangs (an unanswered unlock prompt) must not freeze anything. */
function bounded<T>(operation: () => Promise<T>, timeoutMs: number, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new KeychainError('timeout', `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    operation().then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(asKeychainError(error));
      },
    );
  });
}

export interface KeychainOptions {
  readonly service: string;
  readonly timeoutMs?: number;
  readonly load?: () => Promise<Keytar>;
  /**
   * keytar runs in a helper process (`load` starts it), where a crash costs only the helper. Then
   * an entry read as missing is confirmed by a listing: keytar answers "no entry" for a locked
   * keychain too (libsecret's unlock prompt dismissed or impossible), and its listing crashes
   * there, which the helper reports as the locked keychain it is (main/cli/keychain/helper-keytar.ts).
   * In this process the listing is not risked on a read.
   */
  readonly isolated?: boolean;
}

/** The OS keychain, with what a process must know before it exits. */
export interface OsKeychain extends Keychain {
  /**
   * Resolves once no write is still waiting for the keychain (with the undo of any the app gave up
   * on), true; or false when `limitMs` passes first. A process that exits sooner kills the
   * command line's keychain helper, and a write the keychain makes afterwards is never undone.
   */
  writesSettled(limitMs: number): Promise<boolean>;
  /** How many writes are still waiting for the keychain. */
  writesInFlight(): number;
}

export function createKeychain({
  service,
  timeoutMs = DEFAULT_KEYCHAIN_TIMEOUT_MS,
  load = loadKeytar,
  isolated = false,
}: KeychainOptions): OsKeychain {
  let keytar: Promise<Keytar> | null = null;
  // The limit is on the keychain's answer, not on loading the module that asks it: the command
  // line loads keytar in a helper process, whose start-up (bounded by the helper) can take a
  // while on a busy machine.
  const loaded = () =>
    (keytar ??= load().catch((error: unknown) => {
      keytar = null;
      throw new KeychainError(
        isNotInstalled(error) ? 'not-installed' : 'unavailable',
        // Its first line only ("Cannot find module 'keytar'"), not Node's require stack.
        `keytar could not be loaded (${error instanceof Error ? (error.message.split('\n')[0] ?? '').slice(0, 120) : 'unknown'})`,
      );
    }));
  const withKeytar = async <T>(use: (k: Keytar) => Promise<T>) => {
    const k = await loaded();
    return bounded(() => use(k), timeoutMs);
  };

  // Writes to one account run one after another, so a write that completes late (and its undo)
  // can never land after a later write and overwrite it. A write whose caller gave up before it
  // started is not made at all.
  const writing = new Map<string, Promise<unknown>>();
  const write = async <T>(
    account: string,
    change: (k: Keytar) => Promise<T>,
    undo: ((k: Keytar) => Promise<unknown>) | null,
  ): Promise<T> => {
    const k = await loaded();
    let gaveUp = false;
    const turn = (writing.get(account) ?? Promise.resolve()).then(async () => {
      if (gaveUp) throw new KeychainError('timeout', 'not started: an earlier write is still unanswered');
      const value = await change(k);
      // Told "failed" already: take the write back (best effort; the keychain answers late).
      if (gaveUp && undo !== null) await undo(k).catch(() => undefined);
      return value;
    });
    const settled = turn.catch(() => undefined);
    writing.set(account, settled);
    void settled.then(() => {
      if (writing.get(account) === settled) writing.delete(account);
    });
    return bounded(
      () => turn,
      timeoutMs,
      () => (gaveUp = true),
    );
  };

  return {
    listsOnMissing: isolated && process.platform === 'linux',
    writesInFlight: () => writing.size,
    writesSettled(limitMs) {
      if (writing.size === 0) return Promise.resolve(true);
      const all = async () => {
        // Writes queued while waiting count too.
        while (writing.size > 0) await Promise.all(writing.values());
      };
      return settledWithin(all(), limitMs);
    },
    async setSecret(account, secret, ifLate) {
      // Checked before the OS sees it: Windows' credential store refuses large values opaquely.
      if (new TextEncoder().encode(secret).byteLength > MAX_SECRET_BYTES)
        throw new KeychainError('too-large');
      await write(
        account,
        (k) => k.setPassword(service, account, secret),
        ifLate === 'keep'
          ? null
          : async (k) => {
              // Only while the entry still holds what this write set: another process (the app
              // beside the command line) may have saved a newer secret meanwhile, which stays.
              if ((await k.getPassword(service, account)) !== secret) return;
              if (ifLate.putBack === null) await k.deletePassword(service, account);
              else await k.setPassword(service, account, ifLate.putBack);
            },
      );
    },
    getSecret: (account) =>
      withKeytar(async (k) => {
        const secret = await k.getPassword(service, account);
        // Only on Linux (libsecret): elsewhere a listing reads every entry, a prompt each on macOS.
        if (secret !== null || !isolated || process.platform !== 'linux') return secret;
        // Missing, or locked: a listing tells them apart (it fails on a locked keychain).
        await k.findCredentials(service);
        return null;
      }),
    // A late delete is not undone (the secret is gone from memory too); the profile it belonged
    // to stays and shows its secret as missing.
    deleteSecret: (account) => write(account, (k) => k.deletePassword(service, account), null),
    accounts: () =>
      withKeytar(async (k) => new Set((await k.findCredentials(service)).map((c) => c.account))),
  };
}
