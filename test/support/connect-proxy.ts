// A company proxy on 127.0.0.1 for tests: it answers CONNECT as told (tunnel, 407 until a login
// is given, or refuse with a status), sends every tunnel to one local server whatever host was
// asked for, and records what it saw, so a test can prove what went through it.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ProxyRecord {
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
}

export interface ConnectProxy {
  readonly url: string;
  readonly port: number;
  readonly connects: ProxyRecord[];
  /** Every byte that went through a tunnel towards the server (TLS: nothing readable). */
  tunnelled(): Buffer;
  close(): Promise<void>;
}

export type ProxyBehaviour =
  | { readonly kind: 'tunnel' }
  | { readonly kind: 'login'; readonly user: string; readonly password: string }
  | { readonly kind: 'refuse'; readonly status: number }
  /** Takes the connection and never answers the CONNECT (a proxy that hangs). */
  | { readonly kind: 'silent' }
  /**
   * Answers the CONNECT with these bytes as they are (an HTML page, a 200 with a body, a 407
   * offering other logins, nothing at all), then closes the connection unless `keepOpen`.
   */
  | { readonly kind: 'answer'; readonly raw: string; readonly keepOpen?: boolean };

/** `tls`: an https:// proxy with this key and certificate (the client talks TLS to the proxy). */
export async function startConnectProxy(
  upstreamPort: number,
  behaviour: ProxyBehaviour,
  { tls }: { readonly tls?: { readonly key: string; readonly cert: string } } = {},
): Promise<ConnectProxy> {
  const connects: ProxyRecord[] = [];
  const bytes: Buffer[] = [];
  const sockets = new Set<Socket>();
  const refuse = (_req: unknown, res: ServerResponse) => {
    res.writeHead(405).end();
  };
  const server = tls ? createTlsServer(tls, refuse) : createServer(refuse);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    connects.push({ target: req.url ?? '', headers: req.headers });
    if (behaviour.kind === 'silent') return;
    if (behaviour.kind === 'answer') {
      client.on('error', () => undefined);
      if (behaviour.keepOpen) client.write(behaviour.raw);
      else client.end(behaviour.raw);
      return;
    }
    const expected =
      behaviour.kind === 'login'
        ? `Basic ${Buffer.from(`${behaviour.user}:${behaviour.password}`).toString('base64')}`
        : null;
    if (behaviour.kind === 'refuse') {
      client.end(`HTTP/1.1 ${behaviour.status} Refused by policy\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    if (expected !== null && req.headers['proxy-authorization'] !== expected) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port: upstreamPort }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      client.on('data', (chunk: Buffer) => bytes.push(chunk));
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    connects,
    tunnelled: () => Buffer.concat(bytes),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
