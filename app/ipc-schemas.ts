// Validation of every IPC argument, which arrives as `unknown`: strict objects (no extra keys),
// length limits, and messages that name the field but never echo a value (it may be a secret).
import { z } from 'zod';
import { PRESET_IDS } from './endpoints';
import type { InputIssue, IpcMethod, IpcRequest } from './ipc-contract';

export const LIMITS = {
  requestId: 64,
  tokenUrl: 2048,
  clientId: 512,
  clientSecret: 4096,
  grantType: 128,
  scope: 1024,
} as const;

const text = (label: string, max: number, min = 0) =>
  z
    .string({ error: `${label} must be text.` })
    .min(min, { error: `${label} must not be empty.` })
    .max(max, { error: `${label} is longer than ${max} characters.` });

const requestId = z
  .string({ error: 'The request id must be text.' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'The request id is malformed.' });

export const tokenRequestSchema = z.strictObject({
  requestId,
  preset: z.enum(PRESET_IDS, { error: 'Unknown endpoint preset.' }),
  tokenUrl: text('Token URL', LIMITS.tokenUrl),
  clientId: text('Client ID', LIMITS.clientId, 1),
  clientSecret: text('Client secret', LIMITS.clientSecret, 1),
  grantType: text('Grant type', LIMITS.grantType, 1),
  scope: text('Scope', LIMITS.scope),
});

const requestRefSchema = z.strictObject({ requestId });

export const IPC_SCHEMAS: { readonly [M in IpcMethod]: z.ZodType<IpcRequest<M>> } = {
  requestToken: tokenRequestSchema,
  cancelRequest: requestRefSchema,
  getSandboxInfo: z
    .undefined({ error: 'This operation takes no argument.' })
    .transform(() => undefined as void),
  copyToken: requestRefSchema,
};

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

/** Never throws, whatever the value (huge, deep, cyclic, with `__proto__` keys). */
export function validateRequest<M extends IpcMethod>(method: M, value: unknown): Validation<IpcRequest<M>> {
  const schema = IPC_SCHEMAS[method] as z.ZodType<IpcRequest<M>>;
  const parsed = schema.safeParse(value, { reportInput: false });
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.slice(0, 10).map((issue) => ({
    field: issue.path.map(String).join('.'),
    // Unrecognised keys come back as a list of the names the caller sent; keep the message
    // generic so a key made of secret material is not echoed either.
    message: issue.code === 'unrecognized_keys' ? 'Unexpected fields were sent.' : issue.message,
  }));
  return { ok: false, issues };
}
