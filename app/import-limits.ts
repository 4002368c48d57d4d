// How much text an import takes, shared by the main side's checks (main/import/hostile-text.ts)
// and the window, which refuses a bigger file before reading it or sending it anywhere.

/**
 * Credentials files are a few hundred bytes; this leaves room for the most profiles the app keeps:
 * `profiles export` of MAX_PROFILES v3 profiles, with the preset's whole scope and names at their
 * limit, is some 231,000 characters, and the import reads it back (test/cli/profiles-at-scale.test.ts).
 * (At 48,000 a 500-profile export, or a credentials file of 500 sections, was refused as too large.)
 * Browser mode's cap on a call (app/browser-lane.ts, 512 KiB) holds such a text of plain ASCII; a
 * longer text of characters UTF-8 writes in 2-3 bytes can be over it, and the page says so.
 */
export const MAX_IMPORT_CHARS = 320_000;

export const IMPORT_TOO_LARGE = `This file is too large to be a credentials file (more than ${MAX_IMPORT_CHARS / 1000} KB). Nothing was imported.`;
