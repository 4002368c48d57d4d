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
  resolve(value: unknown): void;
  reject(error: Error): void;
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
export function helperKeytar(helperPath: string, startLimitMs = HELPER_START_LIMIT_MS): Promise<Keytar> {
  return new Promise((resolve, reject) => {
    // No stdio: a helper still waiting on the keychain must not hold a pipe the shell reads to its
    // end (`token=$(telstra-token …)`). No execArgv: the parent's Node flags are not the helper's.
    const child = fork(helperPath, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], execArgv: [] });
    const kill = () => child.kill('SIGKILL');
    process.once('exit', kill);
    const pending = new Map<number, Pending>();
    let nextId = 1;
    let ready = false;
    let stopped: Error | null = null;

    // Only a call in flight keeps this process alive, not the idle helper.
    const holdWhileBusy = () => {
      if (pending.size > 0) child.channel?.ref();
      else child.channel?.unref();
    };
    const stop = (error: Error) => {
      stopped ??= error;
      clearTimeout(startTimer);
      process.removeListener('exit', kill);
      if (!ready) reject(error);
      for (const call of pending.values()) call.reject(error);
      pending.clear();
    };
    const startTimer = setTimeout(() => {
      kill();
      stop(new Error(`the keychain helper did not start within ${startLimitMs / 1000} s`));
    }, startLimitMs);

    child.on('error', (error) => stop(new Error(`the keychain helper could not start (${error.message})`)));
    child.on('exit', () => stop(new Error('the keychain helper stopped before answering')));
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
        pending.set(id, { resolve: resolveCall, reject: rejectCall });
        holdWhileBusy();
        child.send({ id, method, args });
      });
    }
  });
}
