// Browser mode's transport: a loopback HTTP server that serves the built renderer (with its CSP,
// one directive wider) and carries the preload API's calls to the same IPC router, validation and
// handlers as Electron's ipcMain. Only the transport is new: where Electron checks the sending
// frame, this checks Host, Origin, Fetch Metadata and the per-launch capability, then tells the
// router the call came from the app's own document.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BROWSER_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY } from '../../app/csp';
import { BROWSER_HOST, HOST_NOTICE_META } from '../../app/host';
import { APP_HOST, APP_SCHEME, createAppProtocolHandler } from '../app-protocol';
import { createIpcRouter, type IpcHandlers } from '../ipc/router';
import { isTrustedSender, trustedOriginOf } from '../ipc/sender';
import {
  CAPABILITY_HEADER,
  checkApiCall,
  checkWhereFrom,
  isDocumentLoad,
  isPageNavigation,
  newCapability,
  originOf,
  PAIRING_HEADER,
  sameSecret,
  type Refusal,
} from './access';
import { inTurn, refuseConnection } from './connection-turns';
import { collectEffects } from './effects';
import { BROWSER_HEADERS, RAW_BROWSER_HEADERS } from './headers';
import { listenOnLoopback, type PortPicker } from './loopback-guard';
import { handleExpectations, MAX_BODY_BYTES, parseCall, readBody } from './request-body';

export { BROWSER_HEADERS } from './headers';
export { MAX_BODY_BYTES } from './request-body';
import type { PageEvents } from './page-events';
import { attachSocketLane } from './socket';

/** Browser mode's own script, beside the page (at the page's path, pagePath below). */
export const PAGE_SCRIPT_NAME = 'browser-api.js';

/**
 * Where the page and its files are, new at each start: `/` and a random name. A browser keeps
 * what another program told it to keep for an address (`Cache-Control: immutable`, from whoever
 * had this port before, or any port of this computer's: caches are shared by site, and the site
 * is 127.0.0.1 whatever the port), and would run that instead of the app's own script, with the
 * pairing code in its address. No one could have told it anything about an address not yet made.
 */
function newPagePath(): string {
  return `/${randomBytes(12).toString('base64url')}/`;
}

export interface BrowserHostOptions {
  readonly handlers: IpcHandlers;
  /** The built renderer (dist/renderer) and browser mode's page script (dist/browser). */
  readonly rendererDir: string;
  readonly pageScriptFile: string;
  readonly events: PageEvents;
  /** 0 (the default): a free port chosen by the OS (or each try by `pickPort`: loopback-guard.ts). */
  readonly port?: number;
  readonly pickPort?: PortPicker;
  /** Told about faults inside handlers; never given arguments (they hold secrets). */
  readonly onFault?: (method: string, error: unknown) => void;
  /**
   * Told when a spent or expired address is used again (once for each): someone else (another
   * local user who read it from a process list) may have used it first.
   */
  readonly onAddressReused?: () => void;
  readonly now?: () => number; // an address's lifetime is counted by a clock no one sets
  /** How long a connection may take to send its request's headers, and all of it (tests shorten them). */
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** What a page may leave unread on its socket before it is closed (socket.ts, MAX_UNREAD_BYTES). */
  readonly maxUnreadBytes?: number;
}

export interface BrowserHost {
  readonly origin: string;
  readonly port: number;
  /**
   * A new address for one browser tab: the page, with a single-use pairing code in its fragment
   * that the page trades for the capability. So what a browser keeps in its history, or another
   * user reads from a process list, is a spent code, never the capability. `lifetimeMs`: the code
   * also expires.
   */
  address(lifetimeMs?: number): string;
  /**
   * Resolves once a page has traded an address's code for the capability (at once if one has):
   * how `telstra-token ui` knows a browser got there.
   */
  readonly paired: Promise<void>;
  close(): Promise<void>;
}

function refuse(response: ServerResponse, { status, reason }: Refusal): void {
  // Nothing of the request is echoed, and no CORS header is ever sent. The connection is closed
  // after the answer: a body the refusal did not read is never waited for (a sender trickling one
  // would otherwise hold the connection until the request timeout), and nothing sent after it on
  // that connection is handled (connection-turns.ts).
  refuseConnection(response.req);
  response.writeHead(status, {
    ...BROWSER_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    Connection: 'close',
  });
  response.end(`${reason}\n`);
}

function json(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { ...BROWSER_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(value));
}

/** Text as an HTML attribute's value (the app's own sentences; escaped all the same). */
const attribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function browserIndex(html: string): string {
  const meta = `content="${CONTENT_SECURITY_POLICY}"`;
  if (!html.includes(meta)) throw new Error('The built index.html does not carry the app’s CSP.');
  // The notice's first line is in the page itself, so the window draws it with its first paint
  // and nothing under it moves when the rest arrives (renderer/common/HostNotice.tsx).
  const notice = `<meta name="${HOST_NOTICE_META}" content="${attribute(BROWSER_HOST.differences[0] ?? '')}" />`;
  // The API script first: a classic script runs before the renderer's module script. (Replacers,
  // not replacement strings: a `$` in a sentence must stay a `$`.)
  return html
    .replace(meta, () => `content="${BROWSER_CONTENT_SECURITY_POLICY}"`)
    .replace(
      '<script type="module"',
      () => `${notice}\n    <script src="./${PAGE_SCRIPT_NAME}"></script>\n    <script type="module"`,
    );
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const now = options.now ?? (() => performance.now());
  const [index, pageScript] = await Promise.all([
    readFile(`${options.rendererDir}/index.html`, 'utf8').then(browserIndex),
    readFile(options.pageScriptFile),
  ]);
  // The page itself is given only as `/PATH/` or `/PATH/index.html`, after its checks (serveFile),
  // never by the file server under another name for the same file (`//index.html`, `%69ndex.html`,
  // and on other systems `INDEX.HTML`, `index.html.`, a short name, a link): told by what the file
  // is, not by how it is spelled.
  // (A file system without file numbers, some network shares, says 0 for every file: there the
  // name is compared, in any case.)
  const indexPath = path.resolve(options.rendererDir, 'index.html');
  const indexFile = await stat(indexPath);
  const isIndex = (file: string, { dev, ino }: { dev: number; ino: number }) =>
    (ino !== 0 && dev === indexFile.dev && ino === indexFile.ino) ||
    file.toLowerCase() === indexPath.toLowerCase();
  const serveStatic = createAppProtocolHandler(options.rendererDir, async (file) => {
    const handle = await open(file, 'r');
    try {
      if (isIndex(file, await handle.stat())) throw new Error('The page is not a file.');
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  });
  const capability = newCapability();
  const pagePath = newPagePath();
  // Codes not yet used (and when they expire), and digests of the ones used, to notice reuse once.
  const pairings = new Map<string, number>();
  const spent = new Set<string>();
  const digest = (code: string) => createHash('sha256').update(code).digest('hex');
  let pairedNow = () => {};
  const paired = new Promise<void>((resolve) => (pairedNow = resolve));
  let origin = '';
  let dispatch: ReturnType<typeof createIpcRouter> | null = null;
  /** Every call that passed the checks comes from the app's own document. */
  const appSender = () => ({ url: `${origin}/index.html`, isMainFrame: true });

  async function serveFile(request: IncomingMessage, response: ServerResponse, pathname: string) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(response, { status: 405, reason: 'Only GET is accepted here.' });
    }
    const send = (type: string, body: Buffer | string) => {
      response.writeHead(200, { ...BROWSER_HEADERS, 'Content-Type': type });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (!pathname.startsWith(pagePath)) {
      // The address printed at an earlier start, or typed without its path.
      return refuse(response, {
        status: 404,
        reason:
          'Nothing is here. Open the address browser mode printed when it started (it changes at each start).',
      });
    }
    const file = pathname.slice(pagePath.length - 1);
    if (file === '/' || file === '/index.html') {
      if (!isDocumentLoad(request.headersDistinct)) {
        return refuse(response, { status: 403, reason: 'The page is only given to a browser opening it.' });
      }
      return send('text/html; charset=utf-8', index);
    }
    if (file === `/${PAGE_SCRIPT_NAME}`) return send('text/javascript; charset=utf-8', pageScript);
    const answer = await serveStatic(new Request(`${APP_SCHEME}://${APP_HOST}${file}`));
    const type = answer.headers.get('content-type') ?? 'application/octet-stream';
    response.writeHead(answer.status, { ...BROWSER_HEADERS, 'Content-Type': type });
    response.end(request.method === 'HEAD' ? undefined : Buffer.from(await answer.arrayBuffer()));
  }

  async function serveApi(request: IncomingMessage, response: ServerResponse, route: string) {
    const wrongCall = checkApiCall(request.method, request.headersDistinct);
    if (wrongCall) return refuse(response, wrongCall);
    if (route === 'pair') {
      const given = request.headersDistinct[PAIRING_HEADER];
      const code = given?.length === 1 ? given[0] : undefined;
      const match = [...pairings.keys()].find((known) => sameSecret(code, known));
      const expiresAt = match === undefined ? undefined : pairings.get(match);
      if (match !== undefined) pairings.delete(match); // single use, even when late
      if (match === undefined || (expiresAt !== undefined && expiresAt !== 0 && now() >= expiresAt)) {
        // Once per code: whoever holds a spent one can send it as often as they like.
        if (code !== undefined && (match !== undefined || spent.delete(digest(code))))
          options.onAddressReused?.();
        return refuse(response, { status: 403, reason: 'This address was used already, or has expired.' });
      }
      spent.add(digest(match));
      pairedNow();
      return json(response, 200, { capability });
    }
    const given = request.headersDistinct[CAPABILITY_HEADER];
    if (!sameSecret(given?.length === 1 ? given[0] : undefined, capability)) {
      return refuse(response, { status: 403, reason: 'This page has not been given access.' });
    }
    const body = await readBody(request, response);
    if (body === null) return void response.destroy(); // the connection is gone already
    if (typeof body !== 'string') return refuse(response, body);
    if (route === 'events') return options.events.subscribe(response);
    const call = parseCall(body);
    if (call === null || dispatch === null) {
      return refuse(response, { status: 400, reason: 'The request is not valid JSON.' });
    }
    const router = dispatch;
    const { value, effects } = await collectEffects(() => router(route, appSender(), call.arg));
    json(response, 200, { value, effects });
  }

  const onRequest = (request: IncomingMessage, response: ServerResponse) =>
    inTurn(request, () => handle(request, response));
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const { method, url, headersDistinct } = request;
    const whereFrom = checkWhereFrom(
      headersDistinct,
      port(),
      isPageNavigation(method, url, headersDistinct, pagePath),
    );
    if (whereFrom) return refuse(response, whereFrom);
    let pathname: string;
    let route: string | null = null;
    // Only a path (`/…`): an absolute target (`http://other.example/…`) names a host of its own,
    // which HTTP puts over Host's (checked above, against DNS rebinding), and URL parsing reads
    // `//other.example/…` as one, and `/\\other.example/…` too (a backslash is a slash to it):
    // what the path is read as must still be on this origin.
    if (!url?.startsWith('/')) return refuse(response, { status: 400, reason: 'Bad request.' });
    try {
      const target = new URL(url, origin);
      if (target.origin !== origin) return refuse(response, { status: 400, reason: 'Bad request.' });
      pathname = target.pathname;
      if (pathname.startsWith('/api/')) route = decodeURIComponent(pathname.slice('/api/'.length));
    } catch {
      // A malformed path or escape (`/api/%ZZ`) is a bad request, never a crash.
      return refuse(response, { status: 400, reason: 'Bad request.' });
    }
    try {
      await (route !== null ? serveApi(request, response, route) : serveFile(request, response, pathname));
    } catch (error) {
      options.onFault?.('browser-host', error);
      if (!response.headersSent) refuse(response, { status: 400, reason: 'Bad request.' });
      else response.destroy();
    }
  };
  // requireHostHeader off: left on, Node answers an HTTP/1.1 request without Host itself, with a
  // bare 400 and none of the usual headers; here it meets the Host check like any other (a 403).
  const server = createServer({ connectionsCheckingInterval: 1_000, requireHostHeader: false }, onRequest);
  // An expectation's refusal too waits its turn: made at once, it dropped the requests before it.
  handleExpectations(server, onRequest, (response, refusal) =>
    inTurn(response.req, async () => refuse(response, refusal)),
  );
  // A connection must say what it wants within headersTimeout and be done within requestTimeout,
  // checked every second: another local user cannot hold connections open by sending nothing, or
  // a byte now and then, until the process runs out of them. One that sends something no HTTP
  // parser can read (or times out) gets a short answer with the usual headers, then is closed.
  server.headersTimeout = options.headersTimeoutMs ?? 10_000;
  server.requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // An answer already under way on that connection (its message set) cannot be followed by one.
    if (!socket.writable || (socket as { _httpMessage?: unknown })._httpMessage) return void socket.destroy();
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n${RAW_BROWSER_HEADERS}Content-Length: 0\r\n\r\n`,
    );
    // Closed once written, or soon whether or not the other side reads it.
    setTimeout(() => socket.destroy(), 1_000).unref();
  });
  const port = () => (server.address() as AddressInfo).port;

  // Loopback only: never reachable from another machine. [::1] at the same port is held too, by a
  // server that only refuses (loopback-guard.ts), so no one else can answer `localhost:PORT`.
  const guard = await listenOnLoopback(server, options.port ?? 0, options.pickPort);
  // Once listening, a server error (descriptors run out while accepting, say) is reported and
  // the server keeps serving, rather than the first one going nowhere and the next ending the app.
  server.on('error', (error) => options.onFault?.('browser-host', error));
  origin = originOf(port());
  const trusted = trustedOriginOf(origin);
  dispatch = createIpcRouter({
    handlers: options.handlers,
    isTrusted: (sender) => isTrustedSender(sender, trusted),
    onFault: (method, error) => options.onFault?.(method, error),
  });
  const router = dispatch;
  // The same calls over one WebSocket, after the same checks (socket.ts).
  const lane = attachSocketLane({
    server,
    port,
    capability,
    maxMessageBytes: MAX_BODY_BYTES,
    route: (channel, arg) => router(channel, appSender(), arg),
    events: options.events,
    onFault: (method, error) => options.onFault?.(method, error),
    ...(options.maxUnreadBytes === undefined ? {} : { maxUnreadBytes: options.maxUnreadBytes }),
  });

  return {
    origin,
    port: port(),
    address(lifetimeMs) {
      const code = newCapability();
      // 0: no expiry (the address printed on the terminal, which the user may open later).
      pairings.set(code, lifetimeMs === undefined ? 0 : now() + lifetimeMs);
      return `${origin}${pagePath}#pair=${code}`;
    },
    paired,
    close() {
      options.events.close();
      lane.close();
      server.closeAllConnections();
      guard?.closeAllConnections();
      guard?.close();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
