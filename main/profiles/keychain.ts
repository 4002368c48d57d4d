// The OS keychain, through keytar. This is the only file that loads keytar; everything else sees
// the small `Keychain` interface (and tests can hand in a double). keytar is loaded on first use,
// so nothing touches the keychain until a profile is.
import {
  DEFAULT_KEYCHAIN_TIMEOUT_MS,
  KEYCHAIN_ADVICE,
  MAX_SECRET_BYTES,
  type KeychainProblem,
} from '../../app/keychain';

export interface Keychain {
  setSecret(account: string, secret: string): Promise<void>;
  /** Null when there is no entry. */
  getSecret(account: string): Promise<string | null>;
  /** False when there was no entry to delete. */
  deleteSecret(account: string): Promise<boolean>;
  /** The accounts that have an entry under the app's service name. */
  accounts(): Promise<ReadonlySet<string>>;
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

type Keytar = Pick<
  typeof import('keytar'),
  'setPassword' | 'getPassword' | 'deletePassword' | 'findCredentials'
>;

/** keytar is an optional dependency: an install without libsecret or a C++ toolchain skips it. */
function isNotInstalled(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'MODULE_NOT_FOUND' ||
    code === 'ERR_MODULE_NOT_FOUND' ||
    (typeof message === 'string' && /cannot find (module|package) ['"]keytar/i.test(message))
  );
}

async function loadKeytar(): Promise<Keytar> {
  // The app's and the CLI's bundles are CommonJS: require(), still on first use. Inside the
  // packaged app's asar archive it goes through Electron's asar-aware require (keytar itself is
  // unpacked); import() would go through the ES module loader, whose asar support has regressed
  // before. Tests run the ES module sources, which have no require.
  const loaded = (
    typeof require === 'function'
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
        require('keytar')
      : await import('keytar')
  ) as Keytar & { default?: Keytar };
  return loaded.default ?? loaded;
}

const PATTERNS: ReadonlyArray<readonly [RegExp, KeychainProblem]> = [
  [/stub received bad data|too large|too long|exceeds/i, 'too-large'],
  [/locked|user interaction is not allowed|unlock/i, 'locked'],
  [
    /d-?bus|secret ?service|org\.freedesktop\.secrets|autolaunch|\$DISPLAY|x11|no such interface|not provided by any|could not connect|no such file|connection refused|not available|libsecret|cannot find module|ELF|NODE_MODULE_VERSION|did not self-register/i,
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
function bounded<T>(operation: () => Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new KeychainError('timeout', `no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
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
}

export function createKeychain({
  service,
  timeoutMs = DEFAULT_KEYCHAIN_TIMEOUT_MS,
  load = loadKeytar,
}: KeychainOptions): Keychain {
  let keytar: Promise<Keytar> | null = null;
  const withKeytar = <T>(use: (k: Keytar) => Promise<T>) =>
    bounded(async () => {
      keytar ??= load().catch((error: unknown) => {
        keytar = null;
        throw new KeychainError(
          isNotInstalled(error) ? 'not-installed' : 'unavailable',
          `keytar could not be loaded (${error instanceof Error ? error.message.slice(0, 120) : 'unknown'})`,
        );
      });
      return use(await keytar);
    }, timeoutMs);

  return {
    async setSecret(account, secret) {
      // Checked before the OS sees it: Windows' credential store refuses large values opaquely.
      if (new TextEncoder().encode(secret).byteLength > MAX_SECRET_BYTES)
        throw new KeychainError('too-large');
      await withKeytar((k) => k.setPassword(service, account, secret));
    },
    getSecret: (account) => withKeytar((k) => k.getPassword(service, account)),
    deleteSecret: (account) => withKeytar((k) => k.deletePassword(service, account)),
    accounts: () =>
      withKeytar(async (k) => new Set((await k.findCredentials(service)).map((c) => c.account))),
  };
}
