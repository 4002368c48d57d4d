// The main-side figures' loop (main-process overhead, access-check overhead): a service's request
// timed beside a bare fetch of the same loopback URL, LOOPBACK_RUNS sequential requests each after
// a generous warm-up (both paths are compiled by V8's optimiser before anything is timed),
// alternating so that a busy moment slows both alike. Judged by the ratio of medians.
//
// The service sends over node:http (main/token/node-http-fetch.ts), as browser mode, the command
// line and bridge mode (the tests' window) do: of the app's transports, the one that runs here (the
// desktop app sends with Electron's net.request). Two more measurements, for context: the same
// service over Node's fetch (which only the transport tests use) beside the same bare fetch, for
// context; and over node:http beside a bare node:http request on a kept connection (what the
// service adds), with a guard budget of its own (OWN_WORK_MAX_RATIO).
import type { Agent } from 'node:http';
import type { FetchLike } from '../../main/token/fetch-like';
import { createNodeHttpFetch } from '../../main/token/node-http-fetch';
import { alternateAsync, median, ratioRows, type Measurement, type Row } from './figure';

export interface LoopbackRequest {
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: URLSearchParams;
}

export interface LoopbackOverhead {
  /** The row's name. */
  readonly figure: string;
  /** One request through the service on `transport`, as its IPC handler makes it; throws if it did not succeed. */
  readonly viaService: (transport: FetchLike) => () => Promise<void>;
  /** Run before each `viaService`, untimed: what the app did before (e.g. the token's issue). */
  readonly prepare?: () => void;
  /** The bare fetch's URL and request: the very same request the service sends. */
  readonly url: string;
  readonly request: () => LoopbackRequest;
  readonly maxRatio: number;
}

/**
 * Requests timed on each side. With 500, the ratio of medians moved by ±3 % from run to run of
 * the same code on this machine, more than the budget's margin; with 2,000, by about ±1 %.
 */
export const LOOPBACK_RUNS = 2_000;

const timed = (work: () => Promise<void>, prepare?: () => void) => async () => {
  prepare?.();
  const started = performance.now();
  await work();
  return performance.now() - started;
};

/** The same request with node:http alone, on a kept connection; its answer read whole and parsed. */
function bareNodeHttp(url: string, request: LoopbackRequest, agent: Agent): Promise<void> {
  const http = process.getBuiltinModule('node:http');
  const body = request.body === undefined ? null : Buffer.from(request.body.toString());
  const headers =
    body === null ? request.headers : { ...request.headers, 'Content-Length': String(body.length) };
  return new Promise((resolve, reject) => {
    const sent = http.request(url, { method: request.method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        resolve();
      });
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body ?? undefined);
  });
}

/**
 * The service's own work (with the app's transport code around node:http), beside the same request
 * on bare node:http: about 1.6 × here (some 0.1 ms on a 0.15 ms request). Not the budget,
 * which is beside a bare fetch; a guard, so that the service's own code cannot grow unseen behind a
 * transport faster than that fetch.
 */
export const OWN_WORK_MAX_RATIO = 2;

/** A row of the service's median beside another floor's, as a ratio; a budget only if `max` is given. */
function besideRow(figure: string, floor: string, m: Measurement, max?: number): Row {
  const ratio = median(m.samplesMs) / median(m.baselineSamplesMs ?? []);
  return {
    figure: max === undefined ? `for context: ${figure}` : `guard: ${figure}`,
    median: `${ratio.toFixed(2)} × ${floor}`,
    p95: '',
    budget: max === undefined ? '—' : `ratio of medians ≤ ${max} (the service's own work)`,
    within: max === undefined ? null : ratio <= max,
    data: { ...m, ratio },
  };
}

export async function loopbackOverhead(options: LoopbackOverhead): Promise<Row[]> {
  const { url, request, prepare } = options;
  const bareFetch = async () => {
    const { body, ...rest } = request();
    const response = await fetch(url, body === undefined ? rest : { ...rest, body });
    JSON.parse(await response.text());
  };
  const agent = new (process.getBuiltinModule('node:http').Agent)({ keepAlive: true });
  const overNodeHttp = options.viaService(createNodeHttpFetch({ env: {} }));
  try {
    const shipped = await alternateAsync(LOOPBACK_RUNS, 300, timed(overNodeHttp, prepare), timed(bareFetch));
    const overFetch = await alternateAsync(
      LOOPBACK_RUNS,
      300,
      timed(
        options.viaService((u, init) => fetch(u, init)),
        prepare,
      ),
      timed(bareFetch),
    );
    const overOwnTransport = await alternateAsync(
      LOOPBACK_RUNS,
      300,
      timed(overNodeHttp, prepare),
      timed(() => bareNodeHttp(url, request(), agent)),
    );
    return [
      ...ratioRows(options.figure, 'bare fetch of the same URL', shipped, options.maxRatio),
      besideRow("the same over Node's fetch (the tests' other transport)", 'the bare fetch', overFetch),
      besideRow(
        'the same beside bare node:http on a kept connection',
        'that request',
        overOwnTransport,
        OWN_WORK_MAX_RATIO,
      ),
    ];
  } finally {
    agent.destroy();
  }
}
