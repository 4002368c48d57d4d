// Runs one call through the app's keychain adapter in a process of its own, so a test can give
// it a broken environment (no D-Bus session) without disturbing the test process.
//   node --import tsx keychain-probe.ts <service>
import { createKeychain, KeychainError } from '../../main/profiles/keychain';

const keychain = createKeychain({
  service: process.argv[2] ?? 'au.com.telstra-token-tester.probe',
  timeoutMs: 5000,
});
try {
  await keychain.getSecret('probe');
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  console.log(
    JSON.stringify({
      ok: false,
      problem: error instanceof KeychainError ? error.problem : 'not-typed',
      message: String(error),
    }),
  );
}
