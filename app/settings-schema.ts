// Validation of settings (files and IPC). Kept apart from app/settings.ts so the window's bundle
// does not carry the schema library.
import { z } from 'zod';

export const settingsSchema = z.strictObject({
  clipboardClearSeconds: z.number().int().min(10).max(300).nullable(),
  notifyBeforeExpiry: z.boolean(),
  autoRenew: z.boolean(),
});

export const settingsChangeSchema = settingsSchema.partial();
