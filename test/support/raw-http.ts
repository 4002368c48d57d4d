// Answers in raw bytes for a hostile token server on node:net (test/support/servers.ts,
// startRawServer): what no HTTP server library would send, framed here byte by byte.
import { startRawServer, type TestServer } from './servers';

/** A status line, headers and a body, with a Content-Length of the body's bytes unless `framing` says otherwise. */
export function rawAnswer(
  statusLine: string,
  headers: readonly string[],
  body: string | Buffer,
  framing: 'content-length' | 'none' = 'content-length',
): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const lines = framing === 'content-length' ? [...headers, `Content-Length: ${bytes.byteLength}`] : headers;
  return Buffer.concat([
    Buffer.from(`${statusLine}\r\n${lines.map((line) => `${line}\r\n`).join('')}\r\n`, 'latin1'),
    bytes,
  ]);
}

/** `text` as UTF-16LE bytes, as a server whose charset is utf-16 sends it (`bom`: FF FE before it). */
export function utf16le(text: string, bom = false): Buffer {
  const bytes = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), bytes]) : bytes;
}

/** `text` as UTF-32LE bytes (no byte-order mark): each code point in four bytes. */
export function utf32le(text: string): Buffer {
  const points = [...text].map((char) => char.codePointAt(0) ?? 0);
  const bytes = Buffer.alloc(points.length * 4);
  points.forEach((point, at) => bytes.writeUInt32LE(point, at * 4));
  return bytes;
}

/** A server that sends `bytes` to every request once it begins to arrive, then closes. */
export function startBytesServer(bytes: Buffer | string): Promise<TestServer> {
  return startRawServer((socket) => socket.end(bytes));
}
