// Remembers where the window was and how big, and puts it back — but only where a display can
// still show it (a monitor may have been unplugged since).
import path from 'node:path';
import { z } from 'zod';
import type { Rectangle } from 'electron';
import { readJsonFileSync, removeStaleTemporariesSync, writeJsonFileAtomicSync } from './storage/json-file';
import { setAsideSync } from './storage/set-aside';
import { ensurePrivateFolderSync } from './storage/private-folder';

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_SIZE = { width: 880, height: 600 } as const;

const stateSchema = z.strictObject({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});

export type WindowState = z.infer<typeof stateSchema>;

/** The part of a window that must stay on a display for it to be grabbed and moved back. */
const GRIP = { width: 120, height: 40 } as const;

function overlaps(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Clamps the saved size to the largest display and drops a position no display shows. */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  const widest = Math.max(MIN_SIZE.width, ...workAreas.map((a) => a.width));
  const tallest = Math.max(MIN_SIZE.height, ...workAreas.map((a) => a.height));
  const width = Math.min(Math.max(state.width, MIN_SIZE.width), widest);
  const height = Math.min(Math.max(state.height, MIN_SIZE.height), tallest);
  const { x, y } = state;
  if (x === undefined || y === undefined) return { width, height, maximized: state.maximized };
  const grip = { x: x + width / 2 - GRIP.width / 2, y, width: GRIP.width, height: GRIP.height };
  const visible = workAreas.some((area) => overlaps(grip, area));
  return visible
    ? { x, y, width, height, maximized: state.maximized }
    : { width, height, maximized: state.maximized };
}

export interface SavedWindowState {
  /** Null when there is none or it is not valid (a fresh start is fine). */
  readonly state: WindowState | null;
  /** False when the file could not be read, or was damaged and could not be set aside. */
  readonly writable: boolean;
}

/**
 * The saved state, by the rules of the app's other data files (main/storage/json-store.ts),
 * synchronously because the window is made at once: a file that cannot be read is left alone
 * and not written over; a damaged one is set aside; a crash's temporary files are removed.
 * Losing the window's place is not worth a notice, so there is none.
 */
export function loadWindowState(file: string, now: number = Date.now()): SavedWindowState {
  try {
    ensurePrivateFolderSync(path.dirname(file));
    removeStaleTemporariesSync(file, now);
  } catch {
    // The folder's state does not decide where the window goes.
  }
  const read = readJsonFileSync(file);
  if (read.kind === 'missing') return { state: null, writable: true };
  if (read.kind === 'unreadable' && !read.damaged) return { state: null, writable: false };
  const parsed = read.kind === 'ok' ? stateSchema.safeParse(read.data) : null;
  if (parsed?.success) return { state: parsed.data, writable: true };
  return { state: null, writable: setAsideSync(file, now).name !== null };
}

/** The saved state alone. */
export function readWindowState(file: string): WindowState | null {
  return loadWindowState(file).state;
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    // Synchronous on purpose: it runs as the window closes, and the process may exit right after.
    writeJsonFileAtomicSync(file, state);
  } catch {
    // Losing the window position is not worth bothering the user about.
  }
}

export interface TrackedWindow {
  on(event: 'close', listener: () => void): unknown;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
}

export function rememberWindowState(window: TrackedWindow, file: string, writable = true): void {
  // A file that could not be read, or kept aside, is not written over.
  if (!writable) return;
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    writeWindowState(file, { ...bounds, maximized: window.isMaximized() });
  });
}
