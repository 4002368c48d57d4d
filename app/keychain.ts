// What can go wrong with the OS keychain, and what the user can do about it. The main process
// maps each keytar failure to one of these; the UI shows the title and remedy.

export const KEYCHAIN_PROBLEMS = [
  'unavailable',
  'not-installed',
  'locked',
  'denied',
  'too-large',
  'timeout',
  'missing',
  'other',
] as const;
export type KeychainProblem = (typeof KEYCHAIN_PROBLEMS)[number];

/**
 * The problems of the whole keychain rather than of one entry: a run over many profiles that
 * meets one says it for the rest at once instead of asking again for each (a keychain that does
 * not answer costs its whole limit each time).
 */
export const KEYCHAIN_DOWN: ReadonlySet<KeychainProblem> = new Set([
  'unavailable',
  'not-installed',
  'locked',
  'timeout',
]);

/** Secrets over this many bytes (UTF-8) are refused before the OS is asked: Windows' limit is small. */
export const MAX_SECRET_BYTES = 1024;

/**
 * The one keychain service name secrets are stored under (reverse DNS). The app uses no other,
 * so none can be a prefix of it (Windows' credential store matches by prefix). And how long a
 * keychain call may take.
 */
export const DEFAULT_KEYCHAIN_SERVICE = 'au.com.telstra-token-tester.client-secret';
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 10_000;

export interface KeychainFailure {
  readonly ok: false;
  readonly kind: 'keychain';
  readonly problem: KeychainProblem;
  readonly message: string;
  /**
   * What to tell the user, from KEYCHAIN_ADVICE: carried in the answer so the window's bundle
   * need not hold the whole table (its size budget, issue 16).
   */
  readonly advice: KeychainAdvice;
}

export interface KeychainAdvice {
  readonly title: string;
  readonly remedy: string;
}

export const KEYCHAIN_ADVICE: Readonly<
  Record<KeychainProblem, { readonly title: string; readonly remedy: string }>
> = {
  unavailable: {
    title: 'No keychain service',
    remedy:
      'The app could not reach the operating system’s keychain. On Linux, make sure a Secret Service (GNOME Keyring or KWallet) runs in a D-Bus session: log in to a desktop session, or install gnome-keyring and libsecret. One-off requests still work; nothing is stored in a file instead.',
  },
  'not-installed': {
    title: 'Keychain support not installed',
    remedy:
      'keytar, the module the app reaches the keychain with, was not installed: its build needs libsecret and a C++ toolchain (Debian/Ubuntu: sudo apt-get install libsecret-1-dev build-essential), then run npm install again. One-off requests still work; nothing is stored in a file instead.',
  },
  locked: {
    title: 'Keychain locked',
    remedy: 'Unlock your keychain (your login keyring or macOS Keychain), then try again.',
  },
  denied: {
    title: 'Keychain access denied',
    remedy:
      'The keychain refused access, or the request was dismissed. Try again and allow access when the system asks. On Linux a security policy (AppArmor, a sandboxed install) can refuse it too: allow the app the Secret Service.',
  },
  'too-large': {
    title: 'Secret too large',
    remedy: `Client secrets longer than ${MAX_SECRET_BYTES} bytes cannot be stored in every operating system’s keychain, so the app neither saves nor uses one. Check that only the secret was pasted. If the keychain holds a longer one, another program put it there. Type the secret and press “Save to keychain” to store it again.`,
  },
  timeout: {
    title: 'Keychain not responding',
    remedy:
      'The keychain did not answer in time. It may be waiting for an unlock prompt: look for one, then try again.',
  },
  missing: {
    title: 'Secret missing',
    remedy:
      'This profile’s secret is no longer in the keychain. Type the secret and press “Save to keychain” to store it again.',
  },
  other: {
    title: 'Keychain error',
    remedy:
      'The keychain reported an unexpected error. Try again; if it persists, restart the app or your session.',
  },
};

export function keychainFailure(
  problem: KeychainProblem,
  message = KEYCHAIN_ADVICE[problem].title,
): KeychainFailure {
  return { ok: false, kind: 'keychain', problem, message, advice: KEYCHAIN_ADVICE[problem] };
}

export function isKeychainFailure(value: unknown): value is KeychainFailure {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'keychain' &&
    (value as { ok?: unknown }).ok === false
  );
}
