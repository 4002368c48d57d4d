// Text from outside with its bidirectional controls made visible (app/redact.ts re-exports it for
// the services; the window imports it from here, without the redaction's code).

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks) in text from outside, as U+FFFD:
 * one would make the text read otherwise than it is ("Client \u202edilav si terces" shows as
 * "Client secret is valid"), and the app's own words beside it too. The reports do the same
 * (app/markdown.ts). Applied after redaction, to everything a server said.
 */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function withoutBidiControls(text: string): string {
  BIDI_CONTROLS.lastIndex = 0;
  return BIDI_CONTROLS.test(text) ? text.replace(BIDI_CONTROLS, '\ufffd') : text;
}
