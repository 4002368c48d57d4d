// What the app keeps of a response besides its body: the headers worth showing, Retry-After,
// and a short excerpt. Everything here passes through `redact` first.
import {
  cutRedacted,
  formFinder,
  redactAndCut,
  redactor,
  type FormFinder,
  type KnownValue,
  type Redactor,
} from '../../app/redact';

export { redactAndCut } from '../../app/redact';
import { ID_HEADER_RANK } from '../../app/id-headers';
import { shortestForm } from '../../app/secret-forms';
import type { HeaderList } from '../../app/token-result';
import type { FetchedResponse } from './fetch-like';
import { mayFoldLonger } from '../../app/folded-forms';
import { withoutHiddenWords } from '../../app/hidden-text';

const SHOWN_HEADERS = new Set([
  'content-type',
  'content-length',
  'date',
  'retry-after',
  'www-authenticate',
  'location',
  'cache-control',
  'server',
  'via',
]);
const MAX_HEADERS = 30;
const MAX_ID_HEADERS = 5;
const MAX_HEADER_VALUE = 500;
export const EXCERPT_CHARS = 2000;
/**
 * A reason phrase as kept: real ones are a few words ("Too Many Requests"), but the HTTP stack
 * passes on whatever fills the status line, up to its header limit (16 KiB in Node, far more in
 * Chromium), and the phrase goes into the result's one-line message, the window, reports and the
 * terminal.
 */
export const MAX_REASON_PHRASE = 200;

export type Redact = (text: string) => string;

/**
 * Whether an answer is a redirect, which is reported and never followed. A 3xx is one, but for 304
 * Not Modified: it answers a conditional request (none is ever sent) and points nowhere, so it is
 * an unexpected status, not a redirect to another address.
 */
export function isRedirect(response: Pick<FetchedResponse, 'type' | 'status'>): boolean {
  return (
    response.type === 'opaqueredirect' ||
    (response.status >= 300 && response.status < 400 && response.status !== 304)
  );
}

export function shownHeaders(headers: FetchedResponse['headers'], redact: Redact): HeaderList {
  const list: Array<readonly [string, string]> = [];
  headers.forEach((value, name) => {
    if (list.length >= MAX_HEADERS) return;
    if (!SHOWN_HEADERS.has(name) && !ID_HEADER_RANK.has(name)) return;
    list.push(keptHeader(name, value, redact));
  });
  return list;
}

/** The answer's id headers (app/id-headers.ts), the most usual first, at most MAX_ID_HEADERS. */
export function requestIdHeaders(headers: FetchedResponse['headers'], redact: Redact): HeaderList {
  const found: Array<{ readonly rank: number; readonly name: string; readonly value: string }> = [];
  headers.forEach((value, name) => {
    const rank = ID_HEADER_RANK.get(name);
    if (rank !== undefined) found.push({ rank, name, value });
  });
  return found
    .sort((a, b) => a.rank - b.rank)
    .slice(0, MAX_ID_HEADERS)
    .map(({ name, value }) => keptHeader(name, value, redact));
}

const keptHeader = (name: string, value: string, redact: Redact): readonly [string, string] => [
  name,
  redactAndCut(unescaped(value, redact), MAX_HEADER_VALUE, redact),
];

/**
 * A header value as its quoted-strings read (RFC 9110 §5.6.4: a backslash quotes the character
 * after it) where that reading holds a secret or token the value as sent hides ("s\e\c…" is
 * "sec…" to anyone), so that it is redacted; otherwise the value as sent. Read from the value
 * already redacted: a secret holding backslashes, echoed as it is, would otherwise be read into
 * itself without them, which no redaction finds.
 */
function unescaped(value: string, redact: Redact): string {
  if (!value.includes('\\')) return value;
  const clean = redact(value);
  const read = clean.replace(/\\([\s\S])/g, '$1');
  return redact(read) === read ? clean : read;
}

/** The reason phrase redacted and cut to MAX_REASON_PHRASE (redacted again where cut: redactAndCut). */
export function reasonPhrase(text: string, redact: Redact): string {
  return redactAndCut(text, MAX_REASON_PHRASE, redact);
}

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';
const monthIndex = (name: string) => MONTHS.indexOf(name.toLowerCase()) / 3;
/** Whether the day is one of the month's ("30 Feb", "31 Apr" are not: Date.UTC would roll them on). */
const onCalendar = (year: number, month: number, day: number) =>
  Number.isInteger(month) && day >= 1 && new Date(Date.UTC(year, month, day)).getUTCDate() === day;
const RFC850_DATE = /^[A-Za-z]{6,9}, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME_DATE = /^[A-Za-z]{3} ([A-Za-z]{3}) ( \d|\d{2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * An HTTP date in epoch ms; NaN for anything else. RFC 9110 §5.6.7: a recipient MUST accept all
 * three forms, IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the obsolete RFC 850 one ("Sunday,
 * 06-Nov-94 08:49:37 GMT", its two-digit year more than 50 years ahead of `now` taken as the
 * century before) and asctime's ("Sun Nov  6 08:49:37 1994", GMT though it does not say so).
 */
function httpDate(value: string, now: number): number {
  // Date.parse alone reads "-5" as a year, and asctime's form as local time.
  const trimmed = value.trim();
  const imf = /^[A-Za-z]{3}, (\d{1,2}) ([A-Za-z]{3}) (\d{4}) \d{2}:\d{2}:\d{2} GMT$/.exec(trimmed);
  if (imf !== null) {
    const [, day = '', month = '', year = ''] = imf;
    return onCalendar(Number(year), monthIndex(month), Number(day)) ? Date.parse(trimmed) : NaN;
  }
  const rfc850 = RFC850_DATE.exec(trimmed);
  const asctime = rfc850 === null ? ASCTIME_DATE.exec(trimmed) : null;
  let parts: string[];
  if (rfc850 !== null) {
    const [, day = '', month = '', yy = '', ...time] = rfc850;
    const thisYear = new Date(now).getUTCFullYear();
    let year = thisYear - (thisYear % 100) + Number(yy);
    if (year > thisYear + 50) year -= 100;
    parts = [String(year), month, day, ...time];
  } else if (asctime !== null) {
    const [, month = '', day = '', hour = '', minute = '', second = '', year = ''] = asctime;
    parts = [year, month, day, hour, minute, second];
  } else return NaN;
  const [year, month, day, hour, minute, second] = parts.map((part, i) =>
    i === 1 ? monthIndex(part) : Number(part),
  ) as [number, number, number, number, number, number];
  if (!onCalendar(year, month, day) || hour > 23 || minute > 59 || second > 60) return NaN;
  return Date.UTC(year, month, day, hour, minute, second);
}

/**
 * Retry-After as seconds (a number, or an HTTP date), capped at a day; null if absent or absurd.
 * An HTTP date is read against the answer's own Date header where it has one: this computer's
 * clock may be hours or years off the server's (two hours behind made a 30-second wait two hours).
 */
export function retryAfterSeconds(
  value: string | null,
  now: number,
  serverDate: string | null = null,
): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  let seconds: number;
  if (/^\d{1,9}$/.test(trimmed)) {
    seconds = Number(trimmed);
  } else {
    const at = httpDate(trimmed, now);
    if (Number.isNaN(at)) return null;
    const sent = serverDate === null ? NaN : httpDate(serverDate, now);
    seconds = Math.max(0, Math.ceil((at - (Number.isNaN(sent) ? now : sent)) / 1000));
  }
  return seconds <= 86_400 ? seconds : null;
}

/** An answer's Retry-After as seconds (retryAfterSeconds), read against its own Date header. */
export const retryAfterOf = (headers: FetchedResponse['headers'], now: number): number | null =>
  retryAfterSeconds(headers.get('retry-after'), now, headers.get('date'));

export function excerpt(text: string, redact: Redact): string | null {
  // Redact first: a secret straddling the cut would otherwise leave its first characters behind.
  return excerptOfRedacted(redact(text), redact);
}

/**
 * The excerpt of text that has already been through `redact`; a cut one is redacted again (see
 * redactAndCut: the cut can leave a short value standing alone).
 */
export function excerptOfRedacted(clean: string, redact: Redact): string | null {
  if (clean === '') return null;
  return clean.length > EXCERPT_CHARS ? `${cutRedacted(clean, EXCERPT_CHARS, redact)}…` : clean;
}

/**
 * Removes every form of the secret a server might echo back (app/secret-forms.ts lists them).
 * Nothing derived from a response leaves the main process without this.
 */
export function secretRedactor(secret: string, ...alsoSecret: string[]): Redactor {
  return redactor(secretValues([secret, ...alsoSecret]));
}

/** The same, and the access token just issued: a server may echo it in its other fields. */
export function tokenRedactor(token: string, secret: string, ...alsoSecret: string[]): Redactor {
  return redactor([...secretValues([secret, ...alsoSecret]), { value: token, label: 'token removed' }]);
}

const secretValues = (values: readonly string[]): KnownValue[] =>
  values.map((value) => ({ value, label: 'secret removed', fragments: true }));

/**
 * The cleaning of everything a server says, for the services that send requests: its secrets out,
 * then its bidirectional controls as U+FFFD (app/bidi.ts), which could make it, and the app's
 * words beside it, read otherwise than it is, and the characters that can spell words no one
 * sees (tag characters, variation selectors: app/hidden-text.ts).
 */
export interface CredentialRedactors {
  /** As `secretRedactor`, then bidirectional controls and hidden words made visible. */
  secret(secret: string, ...alsoSecret: string[]): Redact;
  /** As `tokenRedactor`, then bidirectional controls and hidden words made visible. */
  withToken(token: string, secret: string, ...alsoSecret: string[]): Redact;
}

/**
 * `secretRedactor` and `tokenRedactor` for a service that sends the same credentials again and
 * again: the forms of the last credentials are found once (app/secret-forms.ts), not on every
 * request, and a new token's redactor reuses them (`npm run bench`, main-process overhead). Only
 * the last credentials are kept, and only by the service that made this, so a secret lives no
 * longer than the service or the next credentials sent; nothing of it is ever logged.
 */
export function credentialRedactors(): CredentialRedactors {
  let last: {
    readonly values: readonly string[];
    readonly finders: ReadonlyMap<string, FormFinder>;
    readonly redact: Redactor;
  } | null = null;
  const remember = (values: readonly string[]) => {
    const same =
      last?.values.length === values.length && last.values.every((value, i) => value === values[i]);
    if (!same || last === null) {
      // A value already known keeps its finder: a batch run's list grows by one secret at a time.
      const known = last?.finders;
      const finders = new Map(values.map((value) => [value, known?.get(value) ?? formFinder(value)]));
      const finderOf = (value: string) => finders.get(value) ?? formFinder(value);
      last = { values, finders, redact: redactor(secretValues(values), finderOf) };
    }
    return last;
  };
  return {
    secret(...values) {
      const { redact } = remember(values);
      return (text) => withoutHiddenWords(redact(text));
    },
    withToken(token, ...values) {
      const { finders, redact } = remember(values);
      // The token is new with every answer, and the texts of a successful answer (a reason
      // phrase, a few headers, a token type) are nearly always shorter than it. A text shorter
      // than the token's shortest form (app/secret-forms.ts) in which no form of the secret is
      // found comes out of the whole redactor exactly as it went in; so that redactor is made
      // only for the first text that could need it, usually never (npm run bench).
      const tokenShortest = shortestForm(token);
      let whole: Redactor | null = null;
      return (text) => {
        if (text.length < tokenShortest && !mayFoldLonger(text) && redact.spans(text).length === 0)
          return withoutHiddenWords(text);
        whole ??= redactor(
          [...secretValues(values), { value: token, label: 'token removed' }],
          (value) => finders.get(value) ?? formFinder(value),
        );
        return withoutHiddenWords(whole(text));
      };
    },
  };
}
