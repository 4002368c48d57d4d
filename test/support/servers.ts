// Real HTTP(S) servers on 127.0.0.1 for integration tests, with every request recorded and every
// socket tracked, so a test can prove what a server did (or did not) receive.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type ServerOptions as TlsServerOptions } from 'node:https';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net';

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface TestServer {
  readonly origin: string;
  readonly received: Received[];
  url(path?: string): string;
  close(): Promise<void>;
}

export type TestHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

async function listen(
  server: Server | NetServer,
  scheme: 'http' | 'https',
  handlerRecords: Received[],
): Promise<TestServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `${scheme}://127.0.0.1:${port}`;
  return {
    origin,
    received: handlerRecords,
    url: (path = '/v2/oauth/token') => `${origin}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function recording(handler: TestHandler, records: Received[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      records.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      void Promise.resolve(handler(req, res, body)).catch(() => res.destroy());
    });
  };
}

export async function startServer(handler: TestHandler): Promise<TestServer> {
  const records: Received[] = [];
  return listen(createServer(recording(handler, records)), 'http', records);
}

/**
 * A server that answers in raw bytes what no HTTP server library would send (a 101 to a plain
 * request, a body that ends only with the connection): `answer` gets each connection once its
 * request has begun to arrive, and the request's first bytes. Nothing is recorded in `received`.
 */
export async function startRawServer(answer: (socket: Socket, request: string) => void): Promise<TestServer> {
  const server = createNetServer((socket) => {
    socket.on('error', () => socket.destroy());
    socket.once('data', (chunk) => answer(socket, chunk.toString('latin1')));
  });
  return listen(server, 'http', []);
}

/** `tls`: the key and certificate, and any other of node:https's options (versions, ciphers…). */
export async function startTlsServer(
  tls: TlsServerOptions & { key: string; cert: string },
  handler: TestHandler,
): Promise<TestServer> {
  const records: Received[] = [];
  return listen(createTlsServer(tls, recording(handler, records)), 'https', records);
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
