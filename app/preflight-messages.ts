// The words pre-flight uses. Messages about the client secret come only from this fixed table, so
// no secret can ever reach one; the other fields may add details such as character positions.
import type { PreflightField } from './preflight';

export const FIELD_LABELS: Readonly<Record<PreflightField, string>> = {
  tokenUrl: 'The token URL',
  clientId: 'The client ID',
  clientSecret: 'The client secret',
  grantType: 'The grant type',
  scope: 'The scope',
};

/** Sentences that follow a field's label; none depends on what was typed. */
export const PREDICATES = {
  empty: 'is empty.',
  blank: 'contains only white space.',
  edgeStart: 'starts with white space (a space, tab, line break or no-break space), which would be sent too.',
  edgeEnd: 'ends with white space (a space, tab, line break or no-break space), which would be sent too.',
  edgeBoth:
    'starts and ends with white space (a space, tab, line break or no-break space), which would be sent too.',
  lineBreak: 'contains a line break: part of it may have been copied from a second line.',
  innerSpace:
    'contains a space or tab inside it. Client IDs and secrets never do, so part of the value may be missing or extra.',
  quotes: 'is wrapped in quote marks, which would be sent as part of the value.',
  quoteOpen:
    'starts or ends with a quote mark that is never closed (a quote left open in a .env file, for example), which would be sent as part of the value.',
  invisible:
    'contains invisible characters (such as a zero-width space, no-break space or byte-order mark), usually picked up when copying from a web page or document.',
  nonAscii:
    'contains characters outside plain ASCII (such as accented letters, typographic dashes or control characters). Client IDs and secrets normally use only plain letters, digits and punctuation.',
  placeholder:
    'looks like a placeholder (such as $CLIENT_KEY, YOUR_CLIENT_ID, client_id_example or <secret>) rather than a real value. Telstra’s curl sample sends the text $CLIENT_KEY itself when pasted unchanged.',
  idEqualsSecret:
    'is the same as the client ID. In the Telstra developer portal they are two different values; the ID may have been pasted twice.',
} as const;

export type Predicate = keyof typeof PREDICATES;

/** Every message pre-flight can say about the client secret (tests check nothing else appears). */
export const SECRET_MESSAGES: readonly string[] = Object.values(PREDICATES).map(
  (predicate) => `${FIELD_LABELS.clientSecret} ${predicate}`,
);

export const FIX_LABELS = {
  trim: 'Remove the white space at the start and end',
  unquote: 'Remove the quote marks',
  unquoteOne: 'Remove the quote mark',
  removeInvisible: 'Remove the invisible characters',
  singleSpaces: 'Separate the scopes with single spaces',
  grantType: 'Use client_credentials',
  scopeTypo: 'Change messaging:write to messages:write',
  https: 'Use https:',
  v2Scope: 'Use the v2 scope (NSMS)',
  v3Scope: 'Use the v3 scopes',
} as const;
