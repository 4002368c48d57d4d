// The token request is the one IPC call made again and again, and Zod's generic machinery is a
// measurable share of a loopback request (`npm run bench`, main-process overhead). This recognises
// the ordinary, well-formed request with a few direct checks. It only ever accepts: anything
// unusual (extra or missing keys, another prototype, a value out of bounds) returns null and goes
// to the Zod schema, which stays the definition and gives the messages. A property test holds the
// two together: whatever this accepts, the schema accepts with the same result.
import { PRESET_IDS, type PresetId } from './endpoints';
import type { SecretSource, TokenRequestInput } from './ipc-contract';
import { LIMITS, REQUEST_ID_PATTERN } from './limits';
import { PROFILE_ID_PATTERN } from './profiles';

const PRESETS: ReadonlySet<string> = new Set(PRESET_IDS);

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

const REQUEST_KEYS: ReadonlySet<string> = new Set([
  'requestId',
  'preset',
  'tokenUrl',
  'clientId',
  'secret',
  'grantType',
  'scope',
  'profileId',
]);
const TYPED_KEYS: ReadonlySet<string> = new Set(['source', 'value']);
const PROFILE_KEYS: ReadonlySet<string> = new Set(['source', 'profileId']);

/** Own keys all among `allowed`, and `count` of them. */
function keysAre(record: Record<string, unknown>, allowed: ReadonlySet<string>, count: number): boolean {
  const keys = Object.keys(record);
  if (keys.length !== count) return false;
  for (const key of keys) if (!allowed.has(key)) return false;
  return true;
}

function text(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

function secretSource(value: unknown): SecretSource | null {
  if (!isPlainRecord(value)) return null;
  const { source } = value;
  if (source === 'typed') {
    if (!keysAre(value, TYPED_KEYS, 2)) return null;
    const secret = value.value;
    return text(secret, 1, LIMITS.clientSecret) ? { source, value: secret } : null;
  }
  if (source === 'profile') {
    if (!keysAre(value, PROFILE_KEYS, 2)) return null;
    const { profileId } = value;
    return typeof profileId === 'string' && PROFILE_ID_PATTERN.test(profileId) ? { source, profileId } : null;
  }
  return null;
}

/** The request, rebuilt from the values checked, or null to say "ask the schema". */
export function plainTokenRequest(value: unknown): TokenRequestInput | null {
  if (!isPlainRecord(value)) return null;
  // Each value is read once, checked, and copied: the result is exactly what was checked.
  const { requestId, preset, tokenUrl, clientId, secret, grantType, scope } = value;
  const hasProfileId = Object.hasOwn(value, 'profileId');
  if (!keysAre(value, REQUEST_KEYS, hasProfileId ? 8 : 7)) return null;
  // Absent means absent as the schema reads it too (not inherited from a polluted prototype).
  if (!hasProfileId && value.profileId !== undefined) return null;
  if (typeof requestId !== 'string' || !REQUEST_ID_PATTERN.test(requestId)) return null;
  if (typeof preset !== 'string' || !PRESETS.has(preset)) return null;
  if (!text(tokenUrl, 0, LIMITS.tokenUrl) || !text(clientId, 1, LIMITS.clientId)) return null;
  if (!text(grantType, 1, LIMITS.grantType) || !text(scope, 0, LIMITS.scope)) return null;
  const source = secretSource(secret);
  if (source === null) return null;
  const request = {
    requestId,
    preset: preset as PresetId,
    tokenUrl,
    clientId,
    secret: source,
    grantType,
    scope,
  };
  if (!hasProfileId) return request;
  const { profileId } = value;
  if (profileId === null) return { ...request, profileId };
  return typeof profileId === 'string' && PROFILE_ID_PATTERN.test(profileId)
    ? { ...request, profileId }
    : null;
}
