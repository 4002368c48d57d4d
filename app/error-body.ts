// Reads an error answer from the token endpoint. No verbatim v2 error body is on public record,
// so every shape the contract document lists is tried, in its order, then plain text.

export type ErrorBodyShape =
  | 'rfc6749'
  | 'apigee-oauth'
  | 'apigee-fault'
  | 'problem-details'
  | 'telstra-v2'
  | 'telstra-v3'
  | 'text'
  | 'empty';

export interface ErrorBodyReading {
  readonly error: string | null;
  readonly description: string | null;
  readonly shape: ErrorBodyShape;
}

const MAX_CODE = 200;
const MAX_DESCRIPTION = 1000;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar field as text: servers send codes as numbers as often as strings. */
function field(source: unknown, key: string, max: number): string | null {
  if (!isObject(source) || !Object.hasOwn(source, key)) return null;
  const value = source[key];
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else return null;
  if (text === '') return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function reading(
  shape: ErrorBodyShape,
  error: string | null,
  description: string | null,
): ErrorBodyReading | null {
  return error !== null || description !== null ? { error, description, shape } : null;
}

const READERS: ReadonlyArray<(body: Json) => ErrorBodyReading | null> = [
  // 1. RFC 6749 §5.2
  (b) => reading('rfc6749', field(b, 'error', MAX_CODE), field(b, 'error_description', MAX_DESCRIPTION)),
  // 2. Apigee's OAuth policy default
  (b) => reading('apigee-oauth', field(b, 'ErrorCode', MAX_CODE), field(b, 'Error', MAX_DESCRIPTION)),
  // 3. Apigee gateway fault
  (b) =>
    isObject(b.fault)
      ? reading(
          'apigee-fault',
          field(b.fault.detail, 'errorcode', MAX_CODE),
          field(b.fault, 'faultstring', MAX_DESCRIPTION),
        )
      : null,
  // RFC 9457 problem details (application/problem+json), before 4: its `status` only repeats the
  // HTTP status, and its words are in `title` and `detail`. Its `type` URI is its code, but for
  // "about:blank", which says there is none.
  (b) => {
    if (Object.hasOwn(b, 'code') || Object.hasOwn(b, 'message')) return null;
    const title = field(b, 'title', MAX_DESCRIPTION);
    const detail = field(b, 'detail', MAX_DESCRIPTION);
    if (title === null && detail === null) return null;
    const type = field(b, 'type', MAX_CODE);
    const words =
      title !== null && detail !== null && title !== detail ? `${title}: ${detail}` : (detail ?? title);
    return reading(
      'problem-details',
      type === 'about:blank' ? null : type,
      field({ words }, 'words', MAX_DESCRIPTION),
    );
  },
  // 4. Telstra v2 resource errors
  (b) =>
    reading(
      'telstra-v2',
      field(b, 'code', MAX_CODE) ?? field(b, 'status', MAX_CODE),
      field(b, 'message', MAX_DESCRIPTION),
    ),
  // 5. Telstra v3 resource errors
  (b) =>
    Array.isArray(b.errors) && b.errors.length > 0
      ? reading(
          'telstra-v3',
          field(b.errors[0], 'code', MAX_CODE),
          field(b.errors[0], 'issue', MAX_DESCRIPTION),
        )
      : null,
];

/** Never throws, whatever the text. */
export function readErrorBody(text: string): ErrorBodyReading {
  const trimmed = text.trim();
  if (trimmed === '') return { error: null, description: null, shape: 'empty' };
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (isObject(parsed)) {
      for (const read of READERS) {
        const found = read(parsed);
        if (found) return found;
      }
    }
  }
  return { error: null, description: null, shape: 'text' };
}
