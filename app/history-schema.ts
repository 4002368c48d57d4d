// Validation of history entries on load. Kept apart from app/history.ts so the window's bundle
// does not carry the schema library.
import { z } from 'zod';
import { PRESET_IDS } from './endpoints';
import { MAX_HISTORY, type HistoryEntry } from './history';
import { OUTCOMES } from './outcomes';
import { MAX_PROFILES } from './profiles';

const batchRowSchema = z.strictObject({
  profileName: z.string().max(200),
  host: z.string().max(300),
  outcome: z.enum(OUTCOMES),
  ok: z.boolean(),
  status: z.number().int().min(0).max(999).nullable(),
  error: z.string().max(200).nullable(),
  durationMs: z.number().nonnegative(),
  access: z.enum(OUTCOMES).nullable(),
});

const entrySchema = z.strictObject({
  id: z.string().max(64),
  // Within Date's range (8.64e15 ms): the window formats every entry's time, and a time past it throws.
  at: z.number().int().nonnegative().max(8.64e15),
  profileName: z.string().max(200).nullable(),
  host: z.string().max(300),
  preset: z.enum(PRESET_IDS),
  outcome: z.enum(OUTCOMES),
  ok: z.boolean(),
  status: z.number().int().min(0).max(999).nullable(),
  error: z.string().max(200).nullable(),
  durationMs: z.number().nonnegative(),
  batch: z
    .strictObject({
      total: z.number().int().min(0).max(MAX_PROFILES),
      rows: z.array(batchRowSchema).max(MAX_PROFILES),
    })
    .optional(),
  basic: z.literal(true).optional(),
});

export const historyEntrySchema: z.ZodType<HistoryEntry> = entrySchema;

/** The keys of an entry: others are a later version's (main/history/history-store.ts). */
export const HISTORY_ENTRY_KEYS: ReadonlySet<string> = new Set(Object.keys(entrySchema.shape));

/** Other keys are a later version's, kept as they are (main/history/history-store.ts). */
export const historyFileSchema = z.looseObject({
  version: z.literal(1),
  entries: z.array(z.unknown()).max(MAX_HISTORY * 2),
});
