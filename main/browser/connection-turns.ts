// Requests on one connection, one after another, and none after a refusal. Node's server reads a
// client's pipelined requests (sent on the same connection before any answer) as soon as they
// arrive and hands each over at once, queuing only their answers. So a call sent behind one that
// was refused used to run, though the refusal closes the connection and its answer was lost. Here
// each request waits for the one before it on its connection to be handled, and is dropped if
// that one was refused (its answer says "Connection: close": nothing more is read from there).
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

const refused = new WeakSet<Socket>();
/** Each request's connection, kept: a request read in part and let go has none left to name. */
const connectionOf = new WeakMap<IncomingMessage, Socket>();
/** The handling of the last request on each connection (settled, never rejected). */
const last = new WeakMap<Socket, Promise<void>>();

/** Requests on each connection not yet handled to the end. */
const pending = new WeakMap<Socket, number>();
/**
 * How many may be: one waiting is kept in memory, and its answer, not yet written, does not slow
 * the client down as written answers do (Node stops reading only when those pile up). A browser
 * never sends one request behind another on a connection; a client that piles up more is cut off.
 */
export const MAX_PENDING_PER_CONNECTION = 32;

/**
 * Whether a connection may be handed over (a WebSocket upgrade, which Node hands over as soon as
 * it is read): not when a request on it was refused, nor while one is still being handled.
 */
export function isSettled(socket: Socket): boolean {
  return !refused.has(socket) && !pending.get(socket);
}

/** Marks `request`'s connection refused: nothing more on it is handled. */
export function refuseConnection(request: IncomingMessage | undefined): void {
  const socket = request && (connectionOf.get(request) ?? request.socket);
  if (socket) refused.add(socket);
}

/**
 * Runs `handle` once every request before `request` on its connection has been handled, unless
 * one was refused or the connection is gone. The first, and each with none pending before it,
 * runs at once. A connection with MAX_PENDING_PER_CONNECTION pending already is closed.
 */
export function inTurn(request: IncomingMessage, handle: () => Promise<void>): void {
  const socket = request.socket;
  connectionOf.set(request, socket);
  if ((pending.get(socket) ?? 0) >= MAX_PENDING_PER_CONNECTION) return void socket.destroy();
  const run = () => (refused.has(socket) || socket.destroyed ? undefined : handle());
  const before = last.get(socket);
  pending.set(socket, (pending.get(socket) ?? 0) + 1);
  const turn = before === undefined ? run() : before.then(run);
  // A handling that failed without answering (a fault before its own catch) closes the connection:
  // the request is not left waiting for an answer that never comes, nor the ones behind it.
  const done = Promise.resolve(turn)
    .catch(() => void socket.destroy())
    .finally(() => pending.set(socket, (pending.get(socket) ?? 1) - 1));
  last.set(socket, done);
}
