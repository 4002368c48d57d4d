// keytar's four calls, answered by the keychain helper process (./helper.ts) instead of in this
// process, so a keychain that never answers cannot keep `telstra-token` from exiting: Node joins
// its thread pool on exit, and a keytar call blocked on D-Bus holds a thread of it. The helper is
// killed when the command line exits, whatever it is still waiting for.
import { fork } from 'node:child_process';
import type { Keytar } from '../../profiles/keytar';
import { isHelperReply, type HelperMethod } from './helper-protocol';

/** Starting Node and loading keytar, on a busy machine; the keychain's own limit starts after. */
export const HELPER_START_LIMIT_MS = 30_000;

interface Pending {
  readonly method: HelperMethod;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * keytar in a helper process; `stopped` once the helper is gone, and it answers nothing more.
 * `retire` takes it out of use: it stops once the calls it has in flight are answered.
 */
export type HelperKeytar = Keytar & { readonly stopped: () => boolean; readonly retire: () => void };

/**
 * What a call in flight is told when the helper dies under it. keytar's listing on Linux crashes
 * the process it runs in when the keychain is locked and stays so (no unlock prompt can be shown,
 * or it is dismissed): libsecret gives the entries without their secrets, which keytar reads
 * anyway. A crash there is said as the locked keychain it means (app/keychain.ts's advice).
 */
function diedUnder(method: HelperMethod, code: number | null, signal: NodeJS.Signals | null): Error {
  const how = signal ?? `exit ${code ?? '?'}`;
  return method === 'findCredentials' && signal !== null
    ? new Error(
        `keytar crashed (${how}) listing the keychain's entries, which it does when the keychain is locked`,
      )
    : new Error(`the keychain helper stopped before answering (${how})`);
}

const isAccountList = (value: unknown): value is Array<{ account: string; password: string }> =>
  Array.isArray(value) &&
  value.every(
    (entry) =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as { account?: unknown }).account === 'string',
  );

/** Starts the helper at `helperPath`; resolves once it has loaded keytar. */
export function helperKeytar(
  helperPath: string,
  startLimitMs = HELPER_START_LIMIT_MS,
): Promise<HelperKeytar> {
  return new Promise((resolve, reject) => {
    // No stdio: a helper still waiting on the keychain must not hold a pipe the shell reads to its
    // end (`token=$(telstra-token …)`). No execArgv: the parent's Node flags are not the helper's.
    // A process group of its own (not on Windows, where that means a console of its own): Ctrl-C
    // at the terminal reaches the whole foreground group, and in the helper's first moments, before
    // it can ignore the signal, it killed the helper, read as "No keychain service". The command
    // line decides what Ctrl-C stops; the helper goes when it does (exit, or its IPC channel closed).
    const child = fork(helperPath, [], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      execArgv: [],
      detached: process.platform !== 'win32',
    });
    const kill = () => child.kill('SIGKILL');
    process.once('exit', kill);
    const pending = new Map<number, Pending>();
    let nextId = 1;
    let ready = false;
    let stopped: Error | null = null;
    let retired = false;

    // Only a call in flight keeps this process alive, not the idle helper.
    const holdWhileBusy = () => {
      if (pending.size > 0) child.channel?.ref();
      else if (retired) kill();
      else child.channel?.unref();
    };
    const stop = (error: Error, died?: { code: number | null; signal: NodeJS.Signals | null }) => {
      stopped ??= error;
      clearTimeout(startTimer);
      process.removeListener('exit', kill);
      if (!ready) reject(error);
      for (const call of pending.values())
        call.reject(died === undefined ? error : diedUnder(call.method, died.code, died.signal));
      pending.clear();
    };
    const startTimer = setTimeout(() => {
      kill();
      stop(new Error(`the keychain helper did not start within ${startLimitMs / 1000} s`));
    }, startLimitMs);

    child.on('error', (error) => stop(new Error(`the keychain helper could not start (${error.message})`)));
    child.on('exit', (code, signal) =>
      stop(new Error('the keychain helper stopped before answering'), { code, signal }),
    );
    child.on('message', (message: unknown) => {
      if (!isHelperReply(message)) return;
      if (message.kind === 'ready') {
        clearTimeout(startTimer);
        if (!message.ok) {
          kill();
          return stop(new Error(message.message));
        }
        ready = true;
        child.unref();
        holdWhileBusy();
        return resolve({
          stopped: () => stopped !== null || retired,
          retire: () => {
            retired = true;
            holdWhileBusy();
          },
          getPassword: (service, account) =>
            call('getPassword', [service, account]).then((value) =>
              value === null || typeof value === 'string' ? value : Promise.reject(new Error('bad answer')),
            ),
          setPassword: (service, account, password) =>
            call('setPassword', [service, account, password]).then(() => undefined),
          deletePassword: (service, account) => call('deletePassword', [service, account]).then(Boolean),
          findCredentials: (service) =>
            call('findCredentials', [service]).then((value) =>
              isAccountList(value) ? value : Promise.reject(new Error('bad answer')),
            ),
        });
      }
      const waiting = pending.get(message.id);
      if (waiting === undefined) return;
      pending.delete(message.id);
      holdWhileBusy();
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(new Error(message.message));
    });

    function call(method: HelperMethod, args: readonly string[]): Promise<unknown> {
      if (stopped !== null) return Promise.reject(stopped);
      return new Promise((resolveCall, rejectCall) => {
        const id = nextId++;
        pending.set(id, { method, resolve: resolveCall, reject: rejectCall });
        holdWhileBusy();
        child.send({ id, method, args });
      });
    }
  });
}

/**
 * What libsecret answers, in a process that has talked to a Secret Service daemon, once that
 * daemon is gone (killed, crashed, restarted; D-Bus may have started a new one): it keeps the old
 * daemon's unique bus name and session, so every call from that process fails from then on, even
 * with a new daemon running. A new process reaches the new daemon.
 */
const GONE_DAEMON =
  /\bname :\d+\.\d+ was not provided|session wrapping the secret does not exist|disconnected from (the )?message bus without replying|remote peer disconnected/i;

/**
 * For a process that runs for long (browser mode): keytar in a helper that is started again for
 * the next call once it has stopped (crashed on a locked keychain, killed from outside), rather
 * than refusing every call from then on. A crash takes only the helper and its calls in flight,
 * never the app. Loaded on first use, as keytar itself is.
 */
export function restartingHelperKeytar(helperPath: string): Promise<Keytar> {
  let current: Promise<HelperKeytar> | null = null;
  const helper = async (): Promise<HelperKeytar> => {
    const running = current;
    if (running !== null) {
      const live = await running.catch(() => null);
      if (live !== null && !live.stopped()) return live;
      // Another call may have started the next one meanwhile.
      if (current !== running) return helper();
    }
    const next = helperKeytar(helperPath);
    current = next;
    // A helper that could not start is tried again on the next call, too.
    return next;
  };
  // A call that a helper bound to a daemon now gone fails is asked once more of a new helper.
  // keytar's four calls can each be made twice: a write that reached the daemon before it went
  // is made again with the same value (or finds nothing more to delete).
  const ask = async <T>(use: (k: HelperKeytar) => Promise<T>): Promise<T> => {
    const live = await helper();
    try {
      return await use(live);
    } catch (error) {
      if (!(error instanceof Error) || !GONE_DAEMON.test(error.message)) throw error;
      live.retire();
      return use(await helper());
    }
  };
  const first = helper();
  return first.then(() => ({
    getPassword: (service, account) => ask((k) => k.getPassword(service, account)),
    setPassword: (service, account, password) => ask((k) => k.setPassword(service, account, password)),
    deletePassword: (service, account) => ask((k) => k.deletePassword(service, account)),
    findCredentials: (service) => ask((k) => k.findCredentials(service)),
  }));
}
