// The Messaging access check's IPC argument, recognised with a few direct checks, as
// app/token-request-fast-path.ts does for the token request: Zod's generic machinery was the
// largest single share of the check's main-side overhead (`npm run bench`, access-check
// overhead). It only ever accepts: anything unusual (another prototype, extra keys, a value out of
// bounds, `messagingUrl: undefined`) returns null and goes to the Zod schema, which stays the
// definition and gives the messages. A property test holds the two together.
import type { IpcRequest } from './ipc-contract';
import { LIMITS, REQUEST_ID_PATTERN } from './limits';

type AccessRequest = IpcRequest<'checkMessagingAccess'>;

/** The request, rebuilt from the values checked, or null to say "ask the schema". */
export function plainAccessRequest(value: unknown): AccessRequest | null {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype)
    return null;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const { requestId, messagingUrl } = record;
  if (typeof requestId !== 'string' || !REQUEST_ID_PATTERN.test(requestId)) return null;
  // `messagingUrl` as read, inherited or not enumerable included: the schema reads it that way.
  if (keys.length === 1) return keys[0] === 'requestId' && messagingUrl === undefined ? { requestId } : null;
  if (keys.length !== 2 || !Object.hasOwn(record, 'requestId') || !Object.hasOwn(record, 'messagingUrl'))
    return null;
  if (typeof messagingUrl !== 'string' || messagingUrl.length < 1 || messagingUrl.length > LIMITS.tokenUrl)
    return null;
  return { requestId, messagingUrl };
}
