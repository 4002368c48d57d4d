// How much text an import takes, shared by the main side's checks (main/import/hostile-text.ts)
// and the window, which refuses a bigger file before reading it or sending it anywhere.

/** Credentials files are a few hundred bytes; this leaves room for hundreds of profiles. */
export const MAX_IMPORT_CHARS = 48_000;

export const IMPORT_TOO_LARGE = `This file is too large to be a credentials file (more than ${MAX_IMPORT_CHARS / 1000} KB). Nothing was imported.`;
