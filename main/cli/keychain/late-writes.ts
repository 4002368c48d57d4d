// Keychain writes the command line gave up on (the keychain did not answer within its limit) may
// still be made by the keychain afterwards. The keychain undoes such a write when it completes
// (main/profiles/keychain.ts), but only while this process lives: exiting kills the keychain
// helper. So before it exits, the command line waits for them, for one more keychain limit at
// most (at least 5 s: a keychain that comes back answers the queued calls, and then the undo, in
// a burst), and says so. Kept apart from the profile code so the exit path loads nothing heavy.

interface Waiter {
  writesInFlight(): number;
  writesSettled(limitMs: number): Promise<boolean>;
}

const keychains = new Map<Waiter, string>();
let limitMs = 10_000;

/** `service`: the keychain service name the app's entries are under. */
export function watchLateWrites(keychain: Waiter, limit: number, service: string): void {
  keychains.set(keychain, service);
  limitMs = Math.max(limit, 5_000);
}

/** Waits for writes still in flight; `say` gets one line before waiting and one if it gave up. */
export async function settleLateWrites(say: (line: string) => void): Promise<void> {
  const waiting = [...keychains.keys()].filter((keychain) => keychain.writesInFlight() > 0);
  if (waiting.length === 0) return;
  say(
    `Waiting up to ${Math.ceil(limitMs / 1000)} s for the keychain to answer the save it did not confirm, so it can be taken back if made…`,
  );
  const settled = await Promise.all(waiting.map((keychain) => keychain.writesSettled(limitMs)));
  for (const [index, keychain] of waiting.entries()) {
    if (settled[index]) continue;
    say(
      `The keychain still has not answered. If it saves that secret later, it stays under the service “${keychains.get(keychain)}” with no profile: delete the entry whose account is not the id of a profile (\`telstra-token profiles --json\` lists them).`,
    );
  }
}
