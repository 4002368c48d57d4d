// Validation of every IPC argument, which arrives as `unknown`: strict objects (no extra keys),
// length limits, and messages that name the field but never echo a value (it may be a secret).
import { z } from 'zod';
import { BATCH_RUN_ID_MAX } from './batch-run';
import { PRESET_IDS } from './endpoints';
import type { InputIssue, IpcMethod, IpcRequest } from './ipc-contract';
import { boundedText, LIMITS, REQUEST_ID_PATTERN, storableSecret } from './limits';
import { OUTCOMES } from './outcomes';
import { MAX_PROFILES, PROFILE_ID_PATTERN, profileFieldsSchema, profileIdSchema } from './profiles';
import { settingsChangeSchema } from './settings-schema';
import { plainAccessRequest } from './access-request-fast-path';
import { plainTokenRequest } from './token-request-fast-path';

const requestId = z
  .string({ error: 'The request id must be text.' })
  .regex(REQUEST_ID_PATTERN, { error: 'The request id is malformed.' });

/**
 * A batch run's id: a request id short enough that each of its checks' request ids (the run id,
 * "-b" and the index; app/batch-run.ts) is one too, whole, so two runs' checks never share one.
 */
const runId = requestId.max(BATCH_RUN_ID_MAX, {
  error: `A run id can be at most ${BATCH_RUN_ID_MAX} characters.`,
});

const secretSource = z.discriminatedUnion(
  'source',
  [
    z.strictObject({
      source: z.literal('typed'),
      value: boundedText('Client secret', LIMITS.clientSecret, 1),
    }),
    z.strictObject({ source: z.literal('profile'), profileId: profileIdSchema }),
  ],
  { error: 'Say where the client secret comes from.' },
);

export const tokenRequestSchema = z.strictObject({
  requestId,
  preset: z.enum(PRESET_IDS, { error: 'Unknown endpoint preset.' }),
  tokenUrl: boundedText('Token URL', LIMITS.tokenUrl),
  clientId: boundedText('Client ID', LIMITS.clientId, 1),
  secret: secretSource,
  grantType: boundedText('Grant type', LIMITS.grantType, 1),
  scope: boundedText('Scope', LIMITS.scope),
  profileId: profileIdSchema.nullable().optional(),
});

export const accessRequestSchema = z.strictObject({
  requestId,
  messagingUrl: boundedText('Messaging API URL', LIMITS.tokenUrl, 1).optional(),
});

const requestRefSchema = z.strictObject({ requestId });
const profileRefSchema = z.strictObject({ profileId: profileIdSchema });
const noArgument = z
  .undefined({ error: 'This operation takes no argument.' })
  .transform(() => undefined as void);

export const IPC_SCHEMAS: { readonly [M in IpcMethod]: z.ZodType<IpcRequest<M>> } = {
  requestToken: tokenRequestSchema,
  cancelRequest: requestRefSchema,
  getSandboxInfo: noArgument,
  copyToken: requestRefSchema,
  listProfiles: noArgument,
  saveProfile: z.strictObject({
    profileId: profileIdSchema.nullable(),
    fields: profileFieldsSchema,
    secret: storableSecret().nullable(),
  }),
  duplicateProfile: profileRefSchema,
  deleteProfile: profileRefSchema,
  revealSecret: profileRefSchema,
  openExternal: z.strictObject({ url: boundedText('The link', 2048, 1) }),
  copyAuthorizationHeader: requestRefSchema,
  clearClipboard: noArgument,
  getSettings: noArgument,
  updateSettings: settingsChangeSchema,
  listHistory: noArgument,
  clearHistory: noArgument,
  copyCurl: requestRefSchema,
  copyReport: requestRefSchema,
  saveReport: requestRefSchema,
  probeBasicAuth: requestRefSchema,
  checkForm: z.strictObject({
    preset: z.enum(PRESET_IDS, { error: 'Unknown endpoint preset.' }),
    tokenUrl: boundedText('Token URL', LIMITS.tokenUrl),
    clientId: boundedText('Client ID', LIMITS.clientId),
    clientSecret: boundedText('Client secret', LIMITS.clientSecret).nullable(),
    grantType: boundedText('Grant type', LIMITS.grantType),
    scope: boundedText('Scope', LIMITS.scope),
  }),
  explainOutcome: z.strictObject({ outcome: z.enum(OUTCOMES, { error: 'Unknown outcome.' }) }),
  getHostInfo: noArgument,
  // The import's text limit is the reader's (main/import/hostile-text.ts), which says so in words;
  // this one only keeps the argument bounded.
  previewImport: z.strictObject({
    fileName: boundedText('The file name', 1024),
    text: boundedText('The file', 200_000),
  }),
  importProfiles: z.strictObject({
    previewId: z.string().regex(PROFILE_ID_PATTERN, { error: 'Unknown preview.' }),
    choices: z
      .array(
        z.strictObject({
          rowId: z.string().regex(/^row-\d{1,4}$/, { error: 'Unknown row.' }),
          action: z.enum(['import', 'replace', 'skip'], { error: 'Choose import, replace or skip.' }),
          name: boundedText('The profile name', 1024),
        }),
      )
      .max(MAX_PROFILES + 1, { error: 'Too many rows.' })
      // One choice a row: a row chosen twice would become two profiles, its secret saved twice.
      .refine((choices) => new Set(choices.map((c) => c.rowId)).size === choices.length, {
        error: 'A row is chosen twice.',
      }),
  }),
  exportProfiles: noArgument,
  startBatch: z.strictObject({
    runId,
    profileIds: z
      .array(profileIdSchema)
      .min(1, { error: 'Choose at least one profile.' })
      .max(MAX_PROFILES, { error: 'Too many profiles for one run.' })
      .refine((ids) => new Set(ids).size === ids.length, { error: 'A profile is listed twice.' }),
    checkAccess: z.boolean({ error: 'Say whether to check Messaging access.' }),
    waitForNews: z.boolean({ error: 'Say whether to wait for the first news.' }).optional(),
  }),
  batchProgress: z.strictObject({
    runId,
    seen: z
      .number({ error: 'The count seen must be a number.' })
      .int({ error: 'The count seen must be a whole number.' })
      .min(0, { error: 'The count seen cannot be negative.' })
      .max(MAX_PROFILES, { error: 'The count seen is too large.' }),
  }),
  cancelBatch: z.strictObject({ runId }),
  batchAnswer: z.strictObject({
    runId,
    index: z
      .number({ error: 'The row must be a number.' })
      .int({ error: 'The row must be a whole number.' })
      .min(0, { error: 'The row cannot be negative.' })
      .max(MAX_PROFILES - 1, { error: 'There is no such row.' }),
  }),
  copyBatchReport: z.strictObject({ runId }),
  checkMessagingAccess: accessRequestSchema,
};

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

/** Never throws, whatever the value (huge, deep, cyclic, with `__proto__` keys). */
export function validateRequest<M extends IpcMethod>(method: M, value: unknown): Validation<IpcRequest<M>> {
  // The ordinary token request and access check, recognised quickly; anything else gets the
  // schema's full check.
  if (method === 'requestToken') {
    const plain = plainTokenRequest(value);
    if (plain !== null) return { ok: true, value: plain };
  } else if (method === 'checkMessagingAccess') {
    const plain = plainAccessRequest(value);
    if (plain !== null) return { ok: true, value: plain };
  }
  const schema = IPC_SCHEMAS[method] as z.ZodType<IpcRequest<M>>;
  // Zod leaves the input out of its issues by default, so no value is echoed. Zod runs its length
  // checks on anything with a `length`, and one that is an object without a prototype throws:
  // whatever a caller sends, the answer is a refusal, never an exception.
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(value);
  } catch {
    return { ok: false, issues: [{ field: '', message: 'The request is not valid.' }] };
  }
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.slice(0, 10).map((issue) => ({
    field: issue.path.map(String).join('.'),
    // Unrecognised keys come back as a list of the names the caller sent; keep the message
    // generic so a key made of secret material is not echoed either.
    message: issue.code === 'unrecognized_keys' ? 'Unexpected fields were sent.' : issue.message,
  }));
  return { ok: false, issues };
}
