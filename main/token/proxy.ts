// Which proxy, if any, a request from Node (the CLI and browser mode) goes through: curl's rules.
// Electron's window uses the system proxy through Chromium instead (net.fetch).
//   https: URLs  https_proxy, HTTPS_PROXY, then all_proxy, ALL_PROXY
//   http: URLs   http_proxy (lower case only: HTTP_PROXY can be set by a CGI request's
//                "Proxy:" header, "httpoxy"), then all_proxy, ALL_PROXY
//   NO_PROXY     "*", or a list of names (a name also covers its subdomains; a leading dot is
//                ignored), IP addresses, CIDR ranges and optional ":port"s, split by commas or
//                white space; no_proxy is read too
// One rule of ours on top: loopback addresses never go through a proxy. Plain http: is only
// allowed to this computer, and a proxy's "127.0.0.1" is not ours.
import { BlockList, isIP } from 'node:net';
import type { Env } from '../config';
import { isLocalhostName } from '../../app/endpoints';

export type ProxyChoice =
  | { readonly kind: 'direct' }
  | {
      readonly kind: 'proxy';
      /** The proxy's address, without the login. */
      readonly url: URL;
      /** The login in the setting's URL, as its Proxy-Authorization header; null without one. */
      readonly authorization: string | null;
    }
  /** A proxy is set but cannot be used (for example SOCKS): refuse rather than go direct. */
  | { readonly kind: 'unsupported'; readonly scheme: string };

const DIRECT: ProxyChoice = { kind: 'direct' };

function read(env: Env, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

function bareHost(hostname: string): string {
  // "app.localhost." is "app.localhost" (the root's final dot), as the lookup takes it too.
  return hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

export function isLoopbackHost(hostname: string): boolean {
  const host = bareHost(hostname);
  if (isLocalhostName(host)) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

function matchesEntry(entry: string, host: string, port: number): boolean {
  if (entry === '*') return true;
  let name = entry;
  let wantedPort: number | null = null;
  const withPort = /^(.*?):(\d{1,5})$/.exec(entry);
  // "::1" alone is an address, not a name with a port.
  if (withPort && isIP(bareHost(entry)) === 0) {
    name = withPort[1] ?? '';
    wantedPort = Number(withPort[2]);
  }
  if (wantedPort !== null && wantedPort !== port) return false;
  name = bareHost(name);
  // An address (a CIDR range, or one address: every bit counts) is compared as an address, as
  // curl does since 7.86: "2001:0db8::1" is "2001:db8::1", and "[2001:db8::]/32" is a range too.
  const slash = name.indexOf('/');
  const address = bareHost(slash > 0 ? name.slice(0, slash) : name);
  const family = isIP(address);
  if (family !== 0 && isIP(host) !== 0) {
    // A prefix of 0, none after the slash, or not a number is the one address, as curl reads it:
    // not every address ("10.0.0.0/" and "/0" took every IPv4 address off the proxy).
    const bits = slash > 0 && /^\d{1,3}$/.test(name.slice(slash + 1)) ? Number(name.slice(slash + 1)) : 0;
    const prefix = bits > 0 ? bits : family === 6 ? 128 : 32;
    const list = new BlockList();
    try {
      list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
    } catch {
      return false;
    }
    return list.check(host, isIP(host) === 6 ? 'ipv6' : 'ipv4');
  }
  // An address is matched by addresses only: "2.3" is no domain of 10.1.2.3.
  if (isIP(host) !== 0) return false;
  name = name.replace(/^\*?\./, '');
  return name !== '' && (host === name || host.endsWith(`.${name}`));
}

export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (isLoopbackHost(target.hostname)) return true;
  if (!noProxy) return false;
  const host = bareHost(target.hostname);
  const port = defaultPort(target);
  return noProxy
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .some((entry) => matchesEntry(entry, host, port));
}

export function proxyFor(target: URL, env: Env): ProxyChoice {
  const setting =
    target.protocol === 'https:'
      ? read(env, 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY')
      : read(env, 'http_proxy', 'all_proxy', 'ALL_PROXY');
  if (setting === undefined) return DIRECT;
  if (bypassesProxy(target, read(env, 'no_proxy', 'NO_PROXY'))) return DIRECT;
  let url: URL;
  try {
    // curl's default for a proxy without a scheme is http://.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(setting) ? setting : `http://${setting}`);
  } catch {
    return { kind: 'unsupported', scheme: 'unreadable' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'unsupported', scheme: url.protocol.replace(/:$/, '') };
  }
  const authorization = loginHeader(url);
  url.username = '';
  url.password = '';
  return { kind: 'proxy', url, authorization };
}

/**
 * A URL's login part as curl reads it: %XX is that byte, and a "%" not followed by two hex digits
 * is itself. decodeURIComponent (what the proxy agent would use) throws on the second, which
 * crashed the command line and stopped browser mode at its first request through such a proxy (a
 * password such as "50%off"); and a byte that is no UTF-8 is sent as the byte, as curl sends it.
 */
function percentDecoded(text: string): Buffer {
  const raw = Buffer.from(text, 'utf8');
  const bytes: number[] = [];
  const hex = (byte: number | undefined) =>
    byte !== undefined && /^[0-9a-f]$/i.test(String.fromCharCode(byte));
  for (let i = 0; i < raw.length; i += 1) {
    if (raw[i] === 0x25 && hex(raw[i + 1]) && hex(raw[i + 2])) {
      bytes.push(Number.parseInt(raw.subarray(i + 1, i + 3).toString('latin1'), 16));
      i += 2;
    } else bytes.push(raw[i] ?? 0);
  }
  return Buffer.from(bytes);
}

/** The Basic Proxy-Authorization header for the URL's user name and password, if it has either. */
function loginHeader(url: URL): string | null {
  if (url.username === '' && url.password === '') return null;
  const login = Buffer.concat([percentDecoded(url.username), Buffer.from(':'), percentDecoded(url.password)]);
  return `Basic ${login.toString('base64')}`;
}
