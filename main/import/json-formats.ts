// A JSON file of credentials: a Postman environment (values[] of key, value, enabled) or the app's
// own export of profiles (no secrets). Read with JSON.parse after hostile-text.ts's checks of its
// depth and duplicate keys, then its shape with zod.
import { z } from 'zod';
import { PRESET_IDS } from '../../app/endpoints';
import { MAX_PROFILES } from '../../app/profiles';
import { splitCredentialKey } from './credential-keys';
import { jsonShape, MAX_JSON_DEPTH } from './hostile-text';
import { done, fromGroups, LABELS, refuse, type ReadResult } from './read-result';

export const EXPORT_FORMAT = 'telstra-token-tester/profiles';

const postmanSchema = z.looseObject({
  name: z.string().max(1000).optional(),
  values: z
    // `enabled` is looked at for the credentials' keys only (postmanPairs).
    .array(z.looseObject({ key: z.string().max(1000), value: z.unknown(), enabled: z.unknown().optional() }))
    .max(5000),
});

// Other keys beside these are a later version's (it may add one without a new `version`, as to
// each profile): left out, as a profile's are, not taken for a damaged file. Refused, every export
// from that version was refused whole, its profiles too.
const exportSchema = z.looseObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string().max(100).optional(),
  profiles: z
    .array(
      z.looseObject({
        name: z.string().max(1000),
        clientId: z.string().max(1000),
        preset: z.enum(PRESET_IDS),
        tokenUrl: z.string().max(4096),
        grantType: z.string().max(1000),
        scope: z.string().max(4096),
      }),
    )
    .max(MAX_PROFILES),
});

/**
 * A Postman environment's enabled values of text, or why one of the credentials' is neither: a
 * number, true or false, a list or an object was dropped (the row then had no secret, or no client
 * ID), and an "enabled" of "false" in quotes refused the whole file as no Postman environment.
 * A null value is no value, as an empty one is; other keys are not the app's to judge.
 */
function postmanPairs(
  values: readonly { readonly key: string; readonly value: unknown; readonly enabled?: unknown }[],
): (readonly [string, string])[] | string {
  const pairs: (readonly [string, string])[] = [];
  for (const { key, value, enabled } of values) {
    const credential = splitCredentialKey(key);
    const named = credential === null ? '' : `${LABELS[credential.key]} (${key.slice(0, 80)})`;
    if (credential !== null && enabled !== undefined && typeof enabled !== 'boolean')
      return `The file marks its ${named} as "enabled": neither true nor false, so it is not clear whether the value is in use.`;
    if (enabled === false || value === null || value === undefined) continue;
    if (typeof value === 'string') pairs.push([key, value]);
    else if (credential !== null)
      return `The file's ${named} is not text (a number, true or false, a list or an object), so it is not clear what it is meant to be. Put the value in quotes, then import again.`;
  }
  return pairs;
}

/** A Postman environment (values[] of key/value/enabled) or the app's own export. */
export function readJson(text: string, fileName: string): ReadResult {
  const shape = jsonShape(text);
  if (shape.depth > MAX_JSON_DEPTH)
    return refuse('This JSON file is nested too deeply to be a Postman environment.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse('This file is not valid JSON.');
  }
  const twice = shape.duplicateKey;
  if (twice !== null)
    return refuse(
      `The file has "${twice.slice(0, 80)}" twice in one object, so it is not clear which value is meant.`,
    );
  const exported = exportSchema.safeParse(parsed);
  if (exported.success) {
    return done(
      'profiles-export',
      exported.data.profiles.map((p) => ({ ...p, clientSecret: null, tokenUrl: p.tokenUrl || null })),
    );
  }
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    (parsed as { format?: unknown }).format === EXPORT_FORMAT
  ) {
    const { version } = parsed as { version?: unknown };
    if (typeof version === 'number' && Number.isSafeInteger(version) && version > 1)
      return refuse(
        `This profiles export was made by a newer version of the app (export version ${version}; this version reads version 1). Import it with that version of the app.`,
      );
    return refuse('This profiles export is damaged or from a newer version of the app.');
  }
  const postman = postmanSchema.safeParse(parsed);
  if (!postman.success) {
    return refuse('This JSON file is not a Postman environment (it has no "values" list of key and value).');
  }
  const pairs = postmanPairs(postman.data.values);
  if (typeof pairs === 'string') return refuse(pairs);
  const envName = postman.data.name?.trim() || fileName || 'Postman';
  return fromGroups('postman', pairs, (group) => (group ? `${envName} ${group}` : envName));
}
