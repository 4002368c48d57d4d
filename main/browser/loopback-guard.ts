// The other loopback address. Browser mode serves on 127.0.0.1:P only, but a browser given
// `localhost:P` may try [::1]:P first, where another local user could listen and show a page of
// their own (one asking for a secret, say). So the same port on [::1] is held as well, by a server
// that answers every request with one refusal naming the printed address, and does nothing else:
// no page, no API, no body read, no "100 Continue", no socket. Where the machine has no IPv6,
// browser mode carries on as before.
import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Server as NetServer } from 'node:net';
import type { Duplex } from 'node:stream';
import { hostRefusal } from './access';
import { BROWSER_HEADERS } from './headers';

/** Ports tried when the OS's choice is free on 127.0.0.1 but not on [::1]. */
const PORT_ATTEMPTS = 20;
/** What [::1] says when it cannot be had at all: no IPv6 here. */
const NO_IPV6 = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EPROTONOSUPPORT']);

function listen(server: NetServer, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A server that refuses whatever it is asked, naming the printed address, and closes. */
function guardOn(port: number): Server {
  const { status, reason } = hostRefusal(port);
  const body = `${reason}\n`;
  const head = {
    ...BROWSER_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  const lines = Object.entries(head).map(([name, value]) => `${name}: ${value}\r\n`);
  const raw = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('')}\r\n${body}`;
  const guard = createServer({ requireHostHeader: false, connectionsCheckingInterval: 1_000 });
  guard.headersTimeout = 10_000;
  guard.requestTimeout = 10_000;
  // Every way Node hands over a request, so none gets an answer of Node's own (a 100 Continue).
  for (const event of ['request', 'checkContinue', 'checkExpectation'])
    guard.on(event, (_: IncomingMessage, response: ServerResponse) => {
      response.writeHead(status, head);
      response.end(body);
    });
  for (const event of ['upgrade', 'connect', 'clientError'])
    guard.on(event, (_: unknown, socket: Duplex) => {
      // Handed over, the socket has no error listener of Node's left: a peer that resets the
      // connection would otherwise end the app (an uncaught ECONNRESET).
      socket.on('error', () => socket.destroy());
      if (socket.writable && !(socket as { _httpMessage?: unknown })._httpMessage) socket.end(raw);
      // Closed soon whether or not the other side reads it (Node keeps half-open sockets).
      setTimeout(() => socket.destroy(), 1_000).unref();
    });
  return guard;
}

/** The port each try asks for on 127.0.0.1 when any free one will do; `attempt` counts from 1. */
export type PortPicker = (attempt: number) => number;
/** The OS's choice, each time: a port free on 127.0.0.1 (whether free on [::1] is then seen). */
const osChoice: PortPicker = () => 0;

/** Every try at a free port found it taken on one loopback address or the other. */
export class NoFreeLoopbackPort extends Error {
  readonly code = 'ENOFREEPORT';
  constructor(readonly attempts: number) {
    super(`No port was free on both loopback addresses (127.0.0.1 and [::1]) in ${attempts} tries.`);
  }
}

/**
 * Listens on 127.0.0.1 at `port` (0: one free on both loopback addresses, each try at the port
 * `pick` says) and holds the same port on [::1]; resolves with the guard there, or null where
 * there is no IPv6. A given port taken on [::1] is refused like one taken on 127.0.0.1
 * (EADDRINUSE); when no try at a free one succeeds, NoFreeLoopbackPort says so.
 */
export async function listenOnLoopback(
  server: Server,
  port: number,
  pick: PortPicker = osChoice,
): Promise<Server | null> {
  const clash = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  for (let attempt = 1; ; attempt += 1) {
    // A port taken on either address is one more try, when any free one will do.
    const tryAgain = (error: unknown) => {
      if (port !== 0 || !clash(error)) throw error;
      if (attempt === PORT_ATTEMPTS) throw new NoFreeLoopbackPort(attempt);
    };
    try {
      await listen(server, port === 0 ? pick(attempt) : port, '127.0.0.1');
    } catch (error) {
      tryAgain(error);
      continue;
    }
    const chosen = (server.address() as { port: number }).port;
    const guard = guardOn(chosen);
    try {
      await listen(guard, chosen, '::1');
      // Its own faults once listening (descriptors run out, say) leave it holding the port.
      guard.on('error', () => {});
      return guard;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (NO_IPV6.has(code)) return null;
      await new Promise((resolve) => server.close(resolve));
      tryAgain(error);
    }
  }
}
