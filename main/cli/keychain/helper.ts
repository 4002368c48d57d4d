// The command line's keychain helper: a child process of `telstra-token` (bundled to
// dist/cli/keychain-helper.cjs) that makes the keytar calls. keytar's calls block a thread of
// Node's pool, and a process cannot exit while one of those is blocked: with a keyring that
// does not answer, `telstra-token` would print its result and then hang for the length of
// D-Bus's own timeout (about 50 s). In a helper, a late call only holds the helper, which the
// command line kills when it exits (main/cli/keychain/helper-keytar.ts).
import { loadKeytar, type Keytar } from '../../profiles/keytar';
import { isHelperCall, type HelperReply } from './helper-protocol';

function reply(message: HelperReply): void {
  process.send?.(message);
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

async function serve(): Promise<void> {
  let keytar: Keytar;
  try {
    keytar = await loadKeytar();
  } catch (error) {
    reply({ kind: 'ready', ok: false, message: errorText(error) });
    return;
  }
  process.on('message', (call: unknown) => {
    if (!isHelperCall(call)) return;
    const [first = '', second = '', third = ''] = call.args;
    const calling =
      call.method === 'getPassword'
        ? keytar.getPassword(first, second)
        : call.method === 'setPassword'
          ? keytar.setPassword(first, second, third)
          : call.method === 'deletePassword'
            ? keytar.deletePassword(first, second)
            : // Listing needs the accounts only: the other profiles' secrets stay here.
              keytar
                .findCredentials(first)
                .then((found) => found.map(({ account }) => ({ account, password: '' })));
    calling.then(
      (value) => reply({ kind: 'answer', id: call.id, ok: true, value }),
      (error: unknown) => reply({ kind: 'answer', id: call.id, ok: false, message: errorText(error) }),
    );
  });
  reply({ kind: 'ready', ok: true });
}

// Only ever started by the command line, over an IPC channel; without one there is nobody to serve.
if (process.send === undefined) process.exit(1);
// The command line is gone: nothing more will be asked. Killed, not exited: a keytar call stuck
// on the keychain holds a thread of Node's pool, and an exit would wait for it, for good.
process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
// Ctrl-C at the terminal, a closed terminal or a stop sent to the whole process group reach this
// process too. The command line decides what stops (an import finishes the profile in hand, so no
// secret is left without its profile); this helper finishes the call in hand and goes when the
// command line does (the disconnect above, or its SIGKILL at exit).
// SIGUSR1 would open Node's debugger on 127.0.0.1, from which any program on this computer could
// read the secrets this helper handles (main/cli/index.ts): ignored too.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGUSR1'] as const) process.on(signal, () => undefined);
void serve();
