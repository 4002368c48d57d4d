// An in-memory keychain double for tests of logic around the keychain (the real adapter is
// tested against the real Secret Service). It can be told to fail like a real one.
import type { KeychainProblem } from '../../app/keychain';
import { KeychainError, type Keychain } from '../../main/profiles/keychain';

export function memoryKeychain() {
  const entries = new Map<string, string>();
  let failing: KeychainProblem | null = null;
  const check = () => {
    if (failing) throw new KeychainError(failing);
  };
  const keychain: Keychain = {
    async setSecret(account, secret) {
      check();
      entries.set(account, secret);
    },
    async getSecret(account) {
      check();
      return entries.get(account) ?? null;
    },
    async deleteSecret(account) {
      check();
      return entries.delete(account);
    },
    async accounts() {
      check();
      return new Set(entries.keys());
    },
  };
  return { keychain, entries, fail: (problem: KeychainProblem | null) => (failing = problem) };
}
