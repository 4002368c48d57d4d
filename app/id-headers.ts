// Request, correlation and trace id headers, by their exact names, the most usual first: what a
// provider's support asks for, kept from an answer (main/token/response-facts.ts) and shown
// character for character in a report (app/report.ts). Only these names: a header's name is the
// server's text too, and the HTTP stack lower-cases it, where the (case-exact) redaction would not
// see an echoed secret, short or long; so no character of a kept name is the server's choice.
export const ID_HEADER_NAMES: readonly string[] = [
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'correlation-id',
  'x-trace-id',
  'trace-id',
  'traceparent',
  'x-amzn-requestid',
  'x-amz-request-id',
  'x-amzn-trace-id',
  'x-ms-request-id',
  'x-ms-client-request-id',
  'apim-request-id',
  'x-apigateway-request-id',
  'x-b3-traceid',
  'x-transaction-id',
  'x-global-transaction-id',
  'x-message-id',
  'x-cloud-trace-context',
  'cf-ray',
];

/** Each id header name's place in ID_HEADER_NAMES (names in lower case, as the HTTP stack gives them). */
export const ID_HEADER_RANK: ReadonlyMap<string, number> = new Map(
  ID_HEADER_NAMES.map((name, rank) => [name, rank]),
);
