// Browser mode's preload: the same API object as Electron's preload (createTokenTesterApi, one
// named method per operation), carried to the loopback server that served the page over its
// WebSocket (or fetch), and what the page must hear from that server: notices, and that it
// stopped. Its key is got in ./page-pairing.ts; its own words are in ./page-words.ts; what only the
// page can do (the clipboard, a download, a link) is in ./page-effects.ts. Built to
// dist/browser/page-api.js, loaded by a classic script tag before the renderer.
import {
  CAPABILITY_PROTOCOL_PREFIX,
  MAX_CALL_BYTES,
  SOCKET_PATH,
  SOCKET_PROTOCOL,
} from '../../app/browser-lane';
import { isIpcFailure, type IpcFailure } from '../../app/ipc-contract';
import { API_GLOBAL, createTokenTesterApi } from '../../app/preload-api';
import { apply, clearIfOurs, refused, type Effect } from './page-effects';
import { CAPABILITY_HEADER, forgetCapability, obtainCapability } from './page-pairing';
import { LEFT, NO_ACCESS, NO_ANSWER, STALE_ACCESS, STOPPED, TOO_LARGE } from './page-words';

let stopped = false;
/** The server said it stopped (not only a connection lost). */
let stopSaid = false;

/**
 * Where the page hears that browser mode stopped: its socket once that says "ready", or else the
 * streamed answer of /api/events (listenForNotices). No call is sent before one of them is open:
 * a page that would not hear "stopped" would go on sending its key, and typed secrets, to whatever
 * program takes the port next. Once open, its end without a word locks the page too.
 */
let stopChannel: 'socket' | 'stream' | null = null;
/** What a call waiting for a stop channel hears: one opened, none could be, or the key is stale. */
type ChannelState = 'open' | 'none' | 'stale';
let settleChannel: (state: ChannelState) => void = () => undefined;
let channel: Promise<ChannelState> = Promise.resolve('none');
function waitForChannel(): void {
  channel = new Promise<ChannelState>((resolve) => {
    settleChannel = resolve;
  });
}
waitForChannel();
function openedChannel(which: 'socket' | 'stream'): void {
  if (stopChannel === null) {
    stopChannel = which;
    // The socket hears the events now: the stream, opened while it was slow, gives back its connection.
    if (which === 'socket') void streamReader?.cancel().catch(() => undefined);
  }
  settleChannel('open');
}
/**
 * The stop channel ended while the page was hidden (it was left): what happened meanwhile is not
 * known, so the page, if restored from the back/forward cache, locks itself (pageshow below).
 */
let lostWhileHidden = false;
/** How long a socket may take to say "ready" before the stream is opened instead. */
const SOCKET_READY_MS = 1_500;
/** How long a call waits for either before it is answered "did not answer". */
const CHANNEL_WAIT_MS = 10_000;

const capability = obtainCapability();
// The capability once known, so a call need not wait a turn for it: the request then leaves in
// the same task as the click that asked for it (npm run bench, browser mode click to result).
let knownCapability: string | null | undefined;
void capability.then((key) => {
  knownCapability = key;
  if (!key) return settleChannel('none');
  openSocket(key);
  // A socket refused, dropped or silent: the events come over the stream instead.
  setTimeout(() => {
    if (stopChannel === null) void listenForNotices();
  }, SOCKET_READY_MS);
});

type Answer = { value: unknown; effects: Effect[] };

/**
 * The quick lane: one WebSocket carrying the calls once the server has seen the capability on it
 * (main/browser/socket.ts). A fetch costs this browser about 3 ms of round trip, a message on the
 * open socket under 1. Until the socket is ready, and whenever it is not, calls go over fetch.
 */
let socket: WebSocket | null = null;
let socketReady = false;
/** Handshakes that failed (refused, or no server): after a few, the page stays on fetch. */
let failedOpenings = 0;
const MAX_FAILED_OPENINGS = 3;
let nextId = 0;
const waiting = new Map<number, (answer: Answer | 'failed' | null) => void>();

function openSocket(key: string): void {
  if (socket !== null || failedOpenings >= MAX_FAILED_OPENINGS || stopped) return;
  let ws: WebSocket;
  try {
    // The capability rides as an offered subprotocol, checked before the socket exists; the
    // server chooses only the first and never echoes the second.
    ws = new WebSocket(`ws://${location.host}${SOCKET_PATH}`, [
      SOCKET_PROTOCOL,
      `${CAPABILITY_PROTOCOL_PREFIX}${key}`,
    ]);
  } catch {
    failedOpenings += 1;
    return;
  }
  socket = ws;
  let opened = false;
  /** It said "ready": from then on, it may be the page's stop channel. */
  let wasReady = false;
  ws.onopen = () => {
    opened = true;
    failedOpenings = 0;
  };
  ws.onmessage = (event: MessageEvent) => {
    let message: {
      type: string;
      id?: number;
      busy?: boolean;
      failed?: boolean;
    } & Partial<Answer>;
    try {
      message = JSON.parse(String(event.data)) as typeof message;
    } catch {
      // Not what the server sends: whatever is between, the answers cannot be trusted to arrive.
      ws.close();
      return;
    }
    if (message.type === 'ready') {
      socketReady = wasReady = true;
      openedChannel('socket');
    }
    if (message.type !== 'answer' || message.id === undefined) return heard(message, 'socket');
    const settle = waiting.get(message.id);
    waiting.delete(message.id);
    settle?.(
      message.busy || message.failed ? 'failed' : { value: message.value, effects: message.effects ?? [] },
    );
  };
  ws.onclose = () => {
    if (socket === ws) socket = null;
    socketReady = false;
    if (!opened) failedOpenings += 1;
    for (const settle of waiting.values()) settle(null);
    waiting.clear();
    // The page's stop channel ended without a word: the server is gone (a reload ends it too).
    if (wasReady && stopChannel === 'socket') {
      if (leaving) lostWhileHidden = true;
      else return lockStopped();
    }
    if (stopChannel === null && !stopped) void listenForNotices();
    // Opened again only by the next call (which meanwhile goes over fetch), never by a timer: a
    // server gone without a word must not have its port sent the capability again and again.
  };
}

/** Whether a call's text is within the server's cap. */
function withinCap(text: string): boolean {
  // At most 3 bytes of UTF-8 per UTF-16 unit: only a long text needs counting.
  return text.length * 3 <= MAX_CALL_BYTES || new TextEncoder().encode(text).length <= MAX_CALL_BYTES;
}

/** The call as one message, or null when it is over the server's cap. */
function socketMessage(id: number, channel: string, arg: unknown): string | null {
  const text = JSON.stringify(
    arg === undefined ? { type: 'call', id, channel } : { type: 'call', id, channel, arg },
  );
  return withinCap(text) ? text : null;
}

function viaSocket(ws: WebSocket, message: string, id: number): Promise<Answer | 'failed' | null> {
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    ws.send(message);
  });
}

async function viaFetch(key: string, channel: string, arg: unknown): Promise<Answer | IpcFailure> {
  const body = JSON.stringify(arg === undefined ? {} : { arg });
  if (!withinCap(body)) return TOO_LARGE;
  const answer = await fetch(`/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [CAPABILITY_HEADER]: key },
    body,
    cache: 'no-store',
  }).catch(() => null);
  if (answer === null) return refused(NO_ANSWER);
  if (answer.status === 403) return refused(STALE_ACCESS);
  if (answer.status === 413) return TOO_LARGE;
  if (!answer.ok) return refused(`Browser mode’s server refused the call (HTTP ${answer.status}).`);
  return (await answer.json()) as Answer;
}

/**
 * Whether the page can hear "stopped" (a stop channel is open), waiting a while for one, and
 * trying again (a socket, else the stream) after an earlier try found none.
 */
function channelOpen(key: string): Promise<ChannelState> | ChannelState {
  if (lostWhileHidden) return 'none';
  if (stopChannel !== null) return 'open';
  if (socket === null && !listening) {
    openSocket(key);
    if (socket === null) void listenForNotices();
  }
  return Promise.race([
    channel,
    new Promise<ChannelState>((resolve) => setTimeout(() => resolve('none'), CHANNEL_WAIT_MS)),
  ]);
}

async function call(channel: string, arg: unknown): Promise<unknown> {
  // Once the server has said it stopped, nothing more is sent: another program could take the port.
  if (stopped) return refused(lockedBecause);
  const key = knownCapability !== undefined ? knownCapability : await capability;
  if (!key) return refused(NO_ACCESS);
  const state = await channelOpen(key);
  if (stopped) return refused(lockedBecause);
  if (state === 'stale') {
    // Not valid for the app on this port (it was started again): forgotten, and said so.
    lock(STALE_ACCESS);
    return refused(STALE_ACCESS);
  }
  if (state === 'none') return refused(NO_ANSWER);
  const ws = socket !== null && socketReady && socket.readyState === WebSocket.OPEN ? socket : null;
  const id = (nextId += 1);
  const message = ws === null ? null : socketMessage(id, channel, arg);
  let answer: Answer | IpcFailure;
  if (ws !== null && message !== null) {
    const sent = await viaSocket(ws, message, id);
    // Closed before its answer: the call may have run, so it is not sent again.
    // (Said "stopped" only when the server said so: a socket can also be lost on the way.)
    if (sent === null) return refused(stopSaid ? STOPPED : NO_ANSWER);
    if (sent === 'failed') return refused('Browser mode’s server could not complete the call.');
    answer = sent;
  } else {
    openSocket(key);
    answer = await viaFetch(key, channel, arg);
  }
  if (isIpcFailure(answer)) return answer;
  const { value, effects } = answer;
  return isIpcFailure(value) ? value : apply(effects, value);
}

/**
 * Browser mode has stopped: nothing more is sent, and the key is forgotten, since another program
 * can take the port next and would be sent it (and the calls, typed secrets included).
 */
function lockStopped(): void {
  lock(STOPPED);
}

/** What a locked page answers every call with. */
let lockedBecause = STOPPED;

function lock(because: string): void {
  if (!stopped) lockedBecause = because;
  stopped = true;
  settleChannel('none');
  forgetCapability();
  socket?.close();
  void streamReader?.cancel().catch(() => undefined);
}

/** The page is being left (a reload, another address): its stream ends, not the server. */
let leaving = false;
addEventListener('pagehide', () => {
  leaving = true;
});
addEventListener('pageshow', (event) => {
  leaving = false;
  if (event.persisted && lostWhileHidden) lock(LEFT);
});

/** An event the server sent (page-events.ts), on the socket or the stream. */
function heard(event: { type: string; title?: string; body?: string }, from: 'socket' | 'stream'): void {
  // Heard once: from the stop channel (a socket slow to open may have let the stream open too).
  if (event.type !== 'stopped' && stopChannel !== null && from !== stopChannel) return;
  if (event.type === 'clear-clipboard') void clearIfOurs(false);
  if (event.type === 'stopped') {
    stopSaid = true;
    lockStopped();
  }
  if (
    event.type === 'notice' &&
    typeof Notification !== 'undefined' &&
    Notification.permission === 'granted'
  ) {
    new Notification(event.title ?? '', { body: event.body ?? '' });
  }
}

let listening = false;
let streamReader: ReadableStreamDefaultReader<string> | null = null;

/**
 * Where a page whose socket cannot open hears the events: one streamed answer, kept open. (Not
 * for every page: each holds one of the six connections a browser keeps to the server.)
 */
async function listenForNotices(): Promise<void> {
  if (listening) return;
  listening = true;
  const key = await capability;
  if (!key) return;
  const answer = await fetch('/api/events', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [CAPABILITY_HEADER]: key },
    body: '{}',
  }).catch(() => null);
  const reader = answer?.ok ? answer.body?.pipeThrough(new TextDecoderStream()).getReader() : undefined;
  if (!reader) {
    // Neither the socket nor the stream: no call can be sent safely. Tried again by the next call,
    // unless the key is not valid for the running app at all.
    listening = false;
    if (stopChannel === null) {
      settleChannel(answer?.status === 403 ? 'stale' : 'none');
      waitForChannel();
    }
    return;
  }
  streamReader = reader;
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    // The stream ends only when the server does: told so ("stopped", below) on Ctrl-C, or without
    // a word when it was killed or crashed. Either way it is gone, and the page locks itself.
    // (Unless the page itself is going: a reload ends the stream too, and keeps the key.)
    if (done) {
      if (stopChannel === 'socket') return;
      if (leaving) return void (lostWhileHidden = stopChannel === 'stream');
      return lockStopped();
    }
    pending += value;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const event = JSON.parse(line) as { type: string; title?: string; body?: string };
      if (event.type === 'ready') openedChannel('stream');
      heard(event, 'stream');
    }
  }
}

const api = createTokenTesterApi((channel, arg) => {
  // Turning the expiry warning on is a click: the one moment a browser lets a page ask.
  const change = arg as { notifyBeforeExpiry?: unknown } | undefined;
  if (
    channel === 'settings:update' &&
    change?.notifyBeforeExpiry === true &&
    typeof Notification !== 'undefined' &&
    Notification.permission === 'default'
  ) {
    void Notification.requestPermission();
  }
  return call(channel, arg);
});
Object.defineProperty(window, API_GLOBAL, { value: api, enumerable: true });
