// What the window says after each copy, sent with the copy's receipt by the main side so the
// window's bundle does not carry the sentences.
export const COPIED = {
  token: 'Token copied to the clipboard.',
  authorization: 'Authorization header copied to the clipboard.',
  curl: 'curl command copied. Set TELSTRA_CLIENT_SECRET in your shell before running it; the secret is not in the command.',
  report: 'Diagnostic report copied: Markdown for a support ticket, without the secret or the token.',
  batchReport: 'Batch report copied: Markdown for a support ticket, without secrets, tokens or client IDs.',
} as const;
