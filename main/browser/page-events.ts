// What browser mode tells its pages without being asked: an expiry warning (shown with the
// browser's Notification API, if the user allowed it), "clear the clipboard" and "stopped". Each
// page hears them on its WebSocket (socket.ts) once that is open; a page whose socket cannot open
// keeps one streamed answer open instead (NDJSON over a POST, so it carries the capability header
// like every other call). Over the socket, a tab holds none of the browser's six HTTP/1.1
// connections to the server: a stream per tab, for good, left the seventh tab unable to load.
import type { ServerResponse } from 'node:http';
import type { Notice } from '../expiry-notifier';

/** Where a page hears the events: each line (one JSON object) sent, and the last one. */
export interface EventListener {
  send(line: string): void;
  end(line: string): void;
}

export interface PageEvents {
  /** Keeps `response` open and sends it every event from now on. */
  subscribe(response: ServerResponse): void;
  /** The same for a page's socket; the returned function stops it. */
  listen(listener: EventListener): () => void;
  notify(notice: Notice): void;
  /** Quitting: each page clears the clipboard if it still holds what the app copied. */
  clearClipboard(): void;
  /** How many pages listen (for tests and the shutdown). */
  readonly listeners: number;
  close(): void;
}

/** `headers`: what every answer of the server carries (CSP, nosniff, no framing…). */
export function createPageEvents(headers: Readonly<Record<string, string>> = {}): PageEvents {
  const open = new Set<EventListener>();
  const broadcast = (event: Record<string, unknown>) => {
    const line = JSON.stringify(event);
    for (const listener of open) listener.send(line);
  };
  return {
    subscribe(response) {
      response.writeHead(200, { ...headers, 'Content-Type': 'application/x-ndjson; charset=utf-8' });
      // The first line tells the page the stream is open.
      response.write('{"type":"ready"}\n');
      const listener: EventListener = {
        send: (line) => void response.write(`${line}\n`),
        end: (line) => void response.end(`${line}\n`),
      };
      open.add(listener);
      response.once('close', () => open.delete(listener));
    },
    listen(listener) {
      open.add(listener);
      return () => void open.delete(listener);
    },
    notify({ title, body }) {
      broadcast({ type: 'notice', title, body });
    },
    clearClipboard() {
      broadcast({ type: 'clear-clipboard' });
    },
    get listeners() {
      return open.size;
    },
    close() {
      // The last line says the app stopped: the page forgets its key and locks itself.
      for (const listener of open) listener.end('{"type":"stopped"}');
      open.clear();
    },
  };
}
