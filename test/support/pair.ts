// What browser mode's page does with the address it was opened at: trades the address's
// single-use pairing code for the capability its API calls carry.
import type { ChildProcess } from 'node:child_process';
import { CAPABILITY_HEADER, PAIRING_HEADER } from '../../main/browser/access';

export async function pairedCapability(address: string): Promise<string> {
  const url = new URL(address);
  const answer = await fetch(`${url.origin}/api/pair`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [PAIRING_HEADER]: url.hash.replace(/^#pair=/, '') },
    body: '{}',
  });
  if (!answer.ok) throw new Error(`pairing refused (${answer.status})`);
  return ((await answer.json()) as { capability: string }).capability;
}

/** Where `telstra-token ui --json` listens: the first JSON line it prints. */
export interface Started {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
}

/**
 * The first line of `child`'s standard output that is a JSON object; rejects if the child exits
 * before printing one. `onText` sees all output as it comes (for logs).
 */
export function firstJsonLine<T = Started>(
  child: ChildProcess,
  onText: (text: string) => void = () => undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      onText(text);
      pending += text;
      const line = pending.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve(JSON.parse(line) as T);
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing its address`)));
  });
}

/** Calls browser mode's API as its page does, after pairing with the address's single-use code. */
export async function pairedApi(address: string) {
  const capability = await pairedCapability(address);
  const { origin } = new URL(address);
  return (channel: string, arg?: unknown) =>
    fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [CAPABILITY_HEADER]: capability },
      body: JSON.stringify(arg === undefined ? {} : { arg }),
    });
}

/** A `token:request` argument for the built-in sandbox's normal client. */
export function sandboxTokenRequest(requestId: string, tokenUrl: string) {
  return {
    requestId,
    preset: 'sandbox',
    tokenUrl,
    clientId: 'sandbox-client-id',
    secret: { source: 'typed', value: 'sandbox-client-secret' },
    grantType: 'client_credentials',
    scope: 'NSMS',
  };
}
