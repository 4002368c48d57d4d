// The built-in sandbox: a Telstra-compatible token endpoint on 127.0.0.1 that imitates the
// documented contract (shared/telstra-token-endpoint.md) and nothing more.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { V2_SCOPE, V3_SCOPES } from '../../app/endpoints';
import {
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_EXPIRES_IN,
  SANDBOX_MESSAGING_PATH,
  SANDBOX_PATH,
  SANDBOX_SCENARIOS,
  type SandboxBehaviour,
} from '../../app/sandbox';
import { createIssuedTokens } from './sandbox-messaging';

const MAX_BODY_BYTES = 64 * 1024;
const HANG_MS = 10 * 60 * 1000;

export interface SandboxServer {
  readonly tokenUrl: string;
  close(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const oauthError = (status: number, error: string, description: string): Answer =>
  json(status, { error, error_description: description });

const STATUS_ANSWERS: Record<403 | 429 | 500 | 502 | 503, Answer> = {
  403: json(403, {
    fault: {
      faultstring: 'Spike arrest violation. Allowed rate : 10pm',
      detail: { errorcode: 'policies.ratelimit.SpikeArrestViolation' },
    },
  }),
  429: json(429, { code: '429', message: 'Too many requests' }, { 'Retry-After': '30' }),
  500: json(500, { code: '0', message: 'An internal error occurred' }),
  502: {
    status: 502,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy could not reach the upstream server.</p></body></html>',
  },
  503: json(503, { code: '503', message: 'Service Unavailable' }),
};

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function scopeIsKnown(scope: string): boolean {
  if (scope === V2_SCOPE) return true;
  const parts = scope.split(' ');
  return parts.every((part) => (V3_SCOPES as readonly string[]).includes(part));
}

/** Decides the answer from the form alone; timing (delays, hangs) is the caller's. */
export function answerTokenRequest(form: URLSearchParams): Answer | SandboxBehaviour {
  const clientId = form.get('client_id');
  const secret = form.get('client_secret');
  const grantType = form.get('grant_type');
  if (!clientId || !secret || !grantType) {
    return oauthError(400, 'invalid_request', 'client_id, client_secret and grant_type are required.');
  }
  for (const name of ['client_id', 'client_secret', 'grant_type', 'scope']) {
    if (form.getAll(name).length > 1)
      return oauthError(400, 'invalid_request', `The parameter ${name} is repeated.`);
  }
  if (grantType !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
  }
  const scope = form.get('scope');
  if (scope !== null && scope !== '' && !scopeIsKnown(scope)) {
    return oauthError(400, 'invalid_scope', 'The requested scope is not valid for this client.');
  }
  const scenario = SANDBOX_SCENARIOS.find((s) => s.clientId === clientId);
  if (scenario) return scenario.behaviour;
  if (clientId !== SANDBOX_CLIENT_ID || !sameText(secret, SANDBOX_CLIENT_SECRET)) {
    return oauthError(
      401,
      'invalid_client',
      'Client authentication failed. Please ensure there are no white spaces in the client key and secret.',
    );
  }
  return { kind: 'token', delayMs: 0 };
}

type Issued = ReturnType<typeof createIssuedTokens>;

/** Without virtual-numbers:*: what the "scope missing" client is granted. */
function narrowed(scope: string): string {
  return scope
    .split(' ')
    .filter((part) => part !== '' && !part.startsWith('virtual-numbers:'))
    .join(' ');
}

function tokenAnswer(issued: Issued, form: URLSearchParams, decided: SandboxBehaviour): Answer {
  const token = randomBytes(21).toString('base64url');
  const access = decided.kind === 'token' ? (decided.access ?? 'confirmed') : 'confirmed';
  issued.add(token, access);
  const answer: Record<string, string> = {
    access_token: token,
    token_type: 'Bearer',
    expires_in: SANDBOX_EXPIRES_IN,
  };
  // A v3 answer may grant less than was asked: this client shows the difference.
  if (access === 'no-scope') answer.scope = narrowed(form.get('scope') ?? '');
  return json(200, answer);
}

function send(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  res.writeHead(answer.status, { 'Cache-Control': 'no-store', ...answer.headers });
  res.end(answer.body);
}

function readForm(req: IncomingMessage): Promise<URLSearchParams | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve('too-large');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

export async function startSandboxServer(): Promise<SandboxServer> {
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, res: ServerResponse, answer: () => Answer) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(res, answer());
    }, ms);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const issued = createIssuedTokens();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    if (path === `${SANDBOX_MESSAGING_PATH}/virtual-numbers`)
      return send(res, issued.answer(req.method, req.headers.authorization));
    if (path !== SANDBOX_PATH)
      return send(res, json(404, { code: '404', message: 'The requested URI does not exist' }));
    if (req.method !== 'POST') {
      return send(res, {
        ...oauthError(405, 'invalid_request', 'Use POST.'),
        headers: { 'Content-Type': 'application/json', Allow: 'POST' },
      });
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      return send(
        res,
        oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.'),
      );
    }
    const form = await readForm(req);
    if (form === 'too-large') return;
    const decided = answerTokenRequest(form);
    if (!('kind' in decided)) return send(res, decided);
    if (decided.kind === 'hang') return later(HANG_MS, res, () => tokenAnswer(issued, form, decided));
    const answer =
      decided.kind === 'token'
        ? () => tokenAnswer(issued, form, decided)
        : () => STATUS_ANSWERS[decided.status];
    if (decided.delayMs === 0) return send(res, answer());
    return later(decided.delayMs, res, answer);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, json(500, { code: '0', message: 'An internal error occurred' })));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    tokenUrl: `http://127.0.0.1:${port}${SANDBOX_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The sandbox's Messaging API base URL, beside its token URL. */
export function sandboxMessagingBase(tokenUrl: string): string {
  return new URL(SANDBOX_MESSAGING_PATH, tokenUrl).href;
}

/** Starts the sandbox on first use and reuses it after that. */
export function lazySandbox(start: () => Promise<SandboxServer> = startSandboxServer) {
  let running: Promise<SandboxServer> | null = null;
  return {
    url: async () => {
      running ??= start().catch((error: unknown) => {
        running = null;
        throw error;
      });
      return (await running).tokenUrl;
    },
    close: async () => {
      const current = running;
      running = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}
