// Browser mode's quick lane: the page's API calls over one WebSocket instead of one fetch each.
// A same-origin fetch costs this browser about 3 ms of round trip even to a server that does
// nothing; a message on an open WebSocket under 1 ms (npm run bench, browser mode click to
// result). The HTTP API stays, with the same rules, for the moment before the socket is open and
// whenever it cannot be.
//
// The same access control as every HTTP call (browser-host.ts, access.ts), in this order:
//   - the upgrade: Host exactly the server's address, an Origin that is the server's own (a
//     browser always sends one with a WebSocket: a foreign page is refused here, before any
//     socket exists), Fetch Metadata not cross-site, and only this path;
//   - the first message must carry the per-launch capability (compared in constant time); a page
//     cannot put it in a header, and a URL would put it where URLs are kept. Anything else first
//     closes the socket, and a socket not proven within HELLO_MS is closed;
//   - then each message is one call `{ type: 'call', id, channel, arg }`, capped like an HTTP
//     body, and goes to the same router (validation, trusted sender) and handlers.
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { checkWhereFrom, originOf, sameSecret, type Refusal } from './access';
import { collectEffects } from './effects';

export const SOCKET_PATH = '/api/socket';
/** A socket must show the capability this soon after it opens. */
export const HELLO_MS = 10_000;
/** Calls one socket may have unanswered at once; the page makes a handful at most. */
export const MAX_CALLS_IN_FLIGHT = 64;

/** Close codes (RFC 6455, 7.4.1), so the page can tell "no access" from "gone". */
export const CLOSE_POLICY = 1008;
export const CLOSE_UNSUPPORTED = 1003;
export const CLOSE_INVALID = 1007;

type Route = (channel: string, arg: unknown) => Promise<unknown>;

export interface SocketLane {
  close(): void;
}

export interface SocketOptions {
  readonly server: Server;
  readonly port: () => number;
  readonly capability: string;
  readonly maxMessageBytes: number;
  readonly helloMs?: number | undefined;
  /** One API call, as an HTTP call's body makes it (the router with the app's own sender). */
  readonly route: Route;
  readonly onFault?: (method: string, error: unknown) => void;
}

/** The answer to a refused upgrade: plain HTTP, nothing of the request echoed, then closed. */
function refuseUpgrade(socket: Duplex, { status, reason }: Refusal | { status: 404; reason: string }) {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n' +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** What the upgrade must be, besides where it comes from (checkWhereFrom). */
function checkUpgrade(
  request: IncomingMessage,
  port: number,
): Refusal | { status: 404; reason: string } | null {
  if (request.url !== SOCKET_PATH) return { status: 404, reason: 'Not found.' };
  if (request.method !== 'GET') return { status: 405, reason: 'Only GET is accepted here.' };
  const origin = request.headersDistinct.origin;
  // Required here: every browser sends it with a WebSocket, so its absence means no page of ours.
  if (origin?.length !== 1 || origin[0] !== originOf(port))
    return { status: 403, reason: 'Requests from other sites are refused.' };
  return null;
}

type Message =
  | { readonly type: 'hello'; readonly capability: string }
  | { readonly type: 'call'; readonly id: number; readonly channel: string; readonly arg: unknown };

/** A message as the page sends it, or null: nothing else is accepted. */
function readMessage(text: string): Message | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const message = parsed as Record<string, unknown>;
  if (message.type === 'hello' && typeof message.capability === 'string')
    return { type: 'hello', capability: message.capability };
  if (
    message.type === 'call' &&
    Number.isSafeInteger(message.id) &&
    (message.id as number) >= 0 &&
    typeof message.channel === 'string' &&
    message.channel.length <= 100
  ) {
    return {
      type: 'call',
      id: message.id as number,
      channel: message.channel,
      arg: Object.hasOwn(message, 'arg') ? message.arg : undefined,
    };
  }
  return null;
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export function attachSocketLane(options: SocketOptions): SocketLane {
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    perMessageDeflate: false,
    // The handshake's own subprotocol header is not used: nothing rides in it.
    handleProtocols: () => false,
  });

  function serve(ws: WebSocket): void {
    let proven = false;
    let inFlight = 0;
    const helloTimer = setTimeout(() => ws.close(CLOSE_POLICY, 'No access.'), options.helloMs ?? HELLO_MS);
    helloTimer.unref();
    // A broken or oversized frame: ws closes the socket itself (1002, 1009) and says so here.
    ws.on('error', () => ws.terminate());
    ws.on('close', () => clearTimeout(helloTimer));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return ws.close(CLOSE_UNSUPPORTED, 'Text only.');
      const message = readMessage(textOf(data));
      if (!proven) {
        if (message?.type !== 'hello' || !sameSecret(message.capability, options.capability))
          return ws.close(CLOSE_POLICY, 'This page has not been given access.');
        proven = true;
        clearTimeout(helloTimer);
        return ws.send('{"type":"ready"}');
      }
      if (message?.type !== 'call') return ws.close(CLOSE_INVALID, 'Not a call.');
      const { id } = message;
      if (inFlight >= MAX_CALLS_IN_FLIGHT) {
        return ws.send(JSON.stringify({ type: 'answer', id, busy: true }));
      }
      inFlight += 1;
      void collectEffects(() => options.route(message.channel, message.arg))
        .then(
          ({ value, effects }) => JSON.stringify({ type: 'answer', id, value, effects }),
          (error: unknown) => {
            options.onFault?.('browser-socket', error);
            return JSON.stringify({ type: 'answer', id, failed: true });
          },
        )
        .then((answer) => {
          if (ws.readyState === ws.OPEN) ws.send(answer);
        })
        .finally(() => {
          inFlight -= 1;
        });
    });
  }

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const port = options.port();
    const refusal = checkWhereFrom(request.headersDistinct, port) ?? checkUpgrade(request, port);
    if (refusal) return refuseUpgrade(socket, refusal);
    sockets.handleUpgrade(request, socket, head, serve);
  };
  options.server.on('upgrade', onUpgrade);

  return {
    close() {
      options.server.off('upgrade', onUpgrade);
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
    },
  };
}
