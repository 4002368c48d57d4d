// Desktop notifications in browser mode: the page keeps one streamed answer open (NDJSON over a
// POST, so it carries the capability header like every other call) and shows what arrives with
// the browser's Notification API, if the user allowed it.
import type { ServerResponse } from 'node:http';
import type { Notice } from '../expiry-notifier';

export interface PageEvents {
  /** Keeps `response` open and sends it every notice from now on. */
  subscribe(response: ServerResponse): void;
  notify(notice: Notice): void;
  /** Quitting: each page clears the clipboard if it still holds what the app copied. */
  clearClipboard(): void;
  /** How many pages listen (for tests and the shutdown). */
  readonly listeners: number;
  close(): void;
}

/** `headers`: what every answer of the server carries (CSP, nosniff, no framing…). */
export function createPageEvents(headers: Readonly<Record<string, string>> = {}): PageEvents {
  const open = new Set<ServerResponse>();
  return {
    subscribe(response) {
      response.writeHead(200, { ...headers, 'Content-Type': 'application/x-ndjson; charset=utf-8' });
      // The first line tells the page the stream is open.
      response.write('{"type":"ready"}\n');
      open.add(response);
      response.once('close', () => open.delete(response));
    },
    notify({ title, body }) {
      const line = `${JSON.stringify({ type: 'notice', title, body })}\n`;
      for (const response of open) response.write(line);
    },
    clearClipboard() {
      for (const response of open) response.write('{"type":"clear-clipboard"}\n');
    },
    get listeners() {
      return open.size;
    },
    close() {
      // The last line says the app stopped: the page forgets its key and locks itself.
      for (const response of open) response.end('{"type":"stopped"}\n');
      open.clear();
    },
  };
}
