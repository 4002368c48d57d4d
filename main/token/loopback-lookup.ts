// Plain http: is allowed only to this computer, and "this computer" is decided by the address
// actually connected to, not by the name in the URL: a resolver (a hosts file, a DNS server, a
// VPN's) may answer anything for a name, and then the secret would travel unencrypted off the
// machine. This lookup stands between node:http and the resolver and refuses any answer that is
// not a loopback address, before a connection is opened. "localhost" and "*.localhost" are not
// asked of a resolver at all: they are this computer (RFC 6761, section 6.3), answered with
// loopback as Chromium answers them, so they work where the system's resolver does not know
// "app.localhost", and no resolver can send them elsewhere.
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isLocalhostName } from '../../app/endpoints';

/** The request was refused before connecting: the name did not resolve to this computer. */
export class NotLoopbackAddress extends Error {
  readonly code = 'ERR_NOT_LOOPBACK';
  constructor(hostname: string, address: string) {
    super(
      `Plain http: is only sent to this computer, but “${hostname}” resolved to ${address}. Nothing was sent; use https:, or http://127.0.0.1 or http://[::1].`,
    );
    this.name = 'NotLoopbackAddress';
  }
}

/** 127.0.0.0/8, ::1, and IPv4 loopback written as IPv6 (::ffff:127.x.x.x). */
export function isLoopbackAddress(address: string): boolean {
  const plain = address.toLowerCase().replace(/^\[|\]$/g, '');
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain)) return true;
  if (plain === '::1' || plain === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^(?:0:0:0:0:0|:):ffff:(.+)$/.exec(plain)?.[1];
  if (mapped === undefined) return false;
  if (mapped.includes('.')) return isLoopbackAddress(mapped);
  // ::ffff:7f00:1 is 127.0.0.1
  return /^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(mapped);
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
export type Lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/** `resolve` for every name but localhost names, which are answered with loopback here. */
export function localhostAsLoopback(resolve: Lookup): Lookup {
  return (hostname, options, callback) => {
    if (!isLocalhostName(hostname)) return resolve(hostname, options, callback);
    const family = options.family === 'IPv6' ? 6 : options.family === 'IPv4' ? 4 : options.family;
    const answers: LookupAddress[] = [
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ].filter((answer) => (family !== 4 && family !== 6 ? true : answer.family === family));
    if (options.all === true) return callback(null, answers);
    const first = answers[0]!;
    callback(null, first.address, first.family);
  };
}

/** `resolve` (dns.lookup by default), refusing every answer that is not loopback. */
export function loopbackOnly(resolve: Lookup): Lookup {
  return (hostname, options, callback) => {
    resolve(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const answers = typeof address === 'string' ? [address] : address.map((entry) => entry.address);
      const outside = answers.find((answer) => !isLoopbackAddress(answer));
      if (outside !== undefined || answers.length === 0)
        return callback(new NotLoopbackAddress(hostname, outside ?? 'nothing'), address, family);
      callback(null, address, family);
    });
  };
}
