// The two HTTP transports a main-side call can be given, for tests that run the same case over
// both: node:http (createNodeHttpFetch: the CLI and browser mode) and Node's own fetch (undici, the
// reference the app's answers are judged against).
import type { FetchLike } from '../../main/token/token-service';
import { nodeHttpFetch } from '../../main/token/node-http-fetch';

export const TRANSPORTS: ReadonlyArray<readonly [string, FetchLike]> = [
  ['node:http', nodeHttpFetch],
  ['Node fetch', (url, init) => fetch(url, init)],
];
