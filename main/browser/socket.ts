// Browser mode's quick lane: the page's API calls over one WebSocket instead of one fetch each.
// A same-origin fetch costs this browser about 3 ms of round trip even to a server that does
// nothing; a message on an open WebSocket under 1 ms (npm run bench, browser mode click to
// result). The HTTP API stays, with the same rules, for the moment before the socket is open and
// whenever it cannot be.
//
// The same access control as every HTTP call (browser-host.ts, access.ts), all of it at the
// upgrade, so no socket exists before it passes: Host exactly the server's address, an Origin that
// is the server's own (a browser always sends one with a WebSocket: a foreign page is refused
// here), Fetch Metadata not cross-site, only this path, and the per-launch capability, which a
// page can send with a WebSocket only as an offered subprotocol (`capability.<key>`, compared in
// constant time; a URL would put it where URLs are kept, and a first message would let anyone
// hold sockets open, buffering, before proving anything). Then each message is one call
// `{ type: 'call', id, channel, arg }`, capped like an HTTP body, to the same router (validation,
// trusted sender) and handlers.
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CAPABILITY_PROTOCOL_PREFIX, SOCKET_PATH, SOCKET_PROTOCOL } from '../../app/browser-lane';
import { checkWhereFrom, originOf, sameSecret, type Refusal } from './access';
import { isSettled } from './connection-turns';
import { collectEffects } from './effects';
import { RAW_BROWSER_HEADERS } from './headers';
import type { PageEvents } from './page-events';

export { CAPABILITY_PROTOCOL_PREFIX, SOCKET_PATH, SOCKET_PROTOCOL } from '../../app/browser-lane';
/** A refused upgrade's connection is destroyed this soon after the answer if the peer holds it. */
const REFUSAL_LINGER_MS = 1_000;
/** Calls one socket may have unanswered at once; the page makes a handful at most. */
export const MAX_CALLS_IN_FLIGHT = 64;
/** Answers a page may leave unread before its socket is closed (far above any page's reading). */
export const MAX_UNREAD_BYTES = 16 * 1024 * 1024;

/** Close codes (RFC 6455, 7.4.1). */
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
  /** One API call, as an HTTP call's body makes it (the router with the app's own sender). */
  readonly route: Route;
  readonly onFault?: (method: string, error: unknown) => void;
  /** MAX_UNREAD_BYTES unless given (tests give less). */
  readonly maxUnreadBytes?: number;
  /** The events each page hears (page-events.ts): on its socket, once that is open. */
  readonly events?: Pick<PageEvents, 'listen'>;
}

/**
 * The answer to a refused upgrade: plain HTTP, nothing of the request echoed, then the connection
 * closed, and destroyed if the peer holds its end open (Node keeps half-open sockets, and one
 * handed to an 'upgrade' listener has no server timeout left).
 */
function refuseUpgrade(
  socket: Duplex,
  { status, reason }: Refusal | { status: 404; reason: string },
  refused: Set<Duplex>,
) {
  const body = `${reason}\n`;
  refused.add(socket);
  const linger = setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS);
  linger.unref();
  socket.once('close', () => {
    clearTimeout(linger);
    refused.delete(socket);
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      `Connection: close\r\n${RAW_BROWSER_HEADERS}` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The offered subprotocols: ours, and the capability; anything else offered is refused. */
function offeredCapability(request: IncomingMessage): string | undefined {
  const header = request.headersDistinct['sec-websocket-protocol'];
  if (header?.length !== 1) return undefined;
  const offers = header[0]!.split(',').map((offer) => offer.trim());
  if (offers.length !== 2 || offers[0] !== SOCKET_PROTOCOL) return undefined;
  const second = offers[1]!;
  return second.startsWith(CAPABILITY_PROTOCOL_PREFIX)
    ? second.slice(CAPABILITY_PROTOCOL_PREFIX.length)
    : undefined;
}

/** What the upgrade must be, besides where it comes from (checkWhereFrom). */
function checkUpgrade(
  request: IncomingMessage,
  port: number,
  capability: string,
): Refusal | { status: 404; reason: string } | null {
  if (request.url !== SOCKET_PATH) return { status: 404, reason: 'Not found.' };
  if (request.method !== 'GET') return { status: 405, reason: 'Only GET is accepted here.' };
  const origin = request.headersDistinct.origin;
  // Required here: every browser sends it with a WebSocket, so its absence means no page of ours.
  if (origin?.length !== 1 || origin[0] !== originOf(port))
    return { status: 403, reason: 'Requests from other sites are refused.' };
  if (!sameSecret(offeredCapability(request), capability))
    return { status: 403, reason: 'This page has not been given access.' };
  return null;
}

type Message = {
  readonly type: 'call';
  readonly id: number;
  readonly channel: string;
  readonly arg: unknown;
};

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
    // Ours is chosen (the capability, checked at the upgrade, is never echoed back).
    handleProtocols: () => SOCKET_PROTOCOL,
  });

  const maxUnread = options.maxUnreadBytes ?? MAX_UNREAD_BYTES;
  /**
   * Sends `text`, unless the page has left that much unread already: a page that calls but never
   * reads would have its answers pile up in this process's memory; its socket is closed instead.
   */
  function deliver(ws: WebSocket, text: string): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount + text.length > maxUnread) return ws.terminate();
    ws.send(text);
  }

  /** Sends a call's answer; one that cannot be serialised is answered as failed. */
  function answer(ws: WebSocket, id: number, reply: { value: unknown; effects: unknown } | null): void {
    let text = JSON.stringify({ type: 'answer', id, failed: true });
    if (reply !== null) {
      try {
        text = JSON.stringify({ type: 'answer', id, value: reply.value, effects: reply.effects });
      } catch (error) {
        options.onFault?.('browser-socket', error);
      }
    }
    deliver(ws, text);
  }

  function serve(ws: WebSocket): void {
    let inFlight = 0;
    // A broken or oversized frame: ws closes the socket itself (1002, 1009) and says so here.
    ws.on('error', () => ws.terminate());
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // Frames still buffered when the socket began to close are not calls any more.
      if (ws.readyState !== ws.OPEN) return;
      if (isBinary) return ws.close(CLOSE_UNSUPPORTED, 'Text only.');
      const message = readMessage(textOf(data));
      if (message === null) return ws.close(CLOSE_INVALID, 'Not a call.');
      const { id } = message;
      if (inFlight >= MAX_CALLS_IN_FLIGHT) {
        return deliver(ws, JSON.stringify({ type: 'answer', id, busy: true }));
      }
      inFlight += 1;
      collectEffects(() => options.route(message.channel, message.arg))
        .then(
          (reply) => answer(ws, id, reply),
          (error: unknown) => {
            options.onFault?.('browser-socket', error);
            answer(ws, id, null);
          },
        )
        .catch(() => ws.terminate())
        .finally(() => {
          inFlight -= 1;
        });
    });
    ws.send('{"type":"ready"}');
    // The events after "ready": the page takes its socket for where it hears "stopped" from then
    // on, and locks itself when the socket ends (main/browser-page/page-api.ts).
    const stop = options.events?.listen({
      send: (line) => deliver(ws, line),
      end: (line) => {
        deliver(ws, line);
        if (ws.readyState === ws.OPEN) ws.close(1001, 'Browser mode stopped.');
      },
    });
    if (stop) ws.once('close', stop);
  }

  const refused = new Set<Duplex>();
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    // Sent behind a request refused, or one not yet answered, on the same connection.
    if (!isSettled(socket as Socket))
      return refuseUpgrade(socket, { status: 400, reason: 'Bad request.' }, refused);
    const port = options.port();
    const refusal =
      checkWhereFrom(request.headersDistinct, port) ?? checkUpgrade(request, port, options.capability);
    if (refusal) return refuseUpgrade(socket, refusal, refused);
    sockets.handleUpgrade(request, socket, head, serve);
  };
  options.server.on('upgrade', onUpgrade);
  // A tunnel (CONNECT) is handed over the same way; left to Node, it was closed with no answer.
  const onConnect = (_request: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    refuseUpgrade(socket, { status: 405, reason: 'Only GET is accepted here.' }, refused);
  };
  options.server.on('connect', onConnect);

  return {
    close() {
      options.server.off('upgrade', onUpgrade);
      options.server.off('connect', onConnect);
      for (const ws of sockets.clients) ws.terminate();
      for (const socket of refused) socket.destroy();
      sockets.close();
    },
  };
}
