import { TELSTRA_DEVELOPER_PORTAL } from '../links';

export type Tone = 'success' | 'warning' | 'error';

/** What the UI says about an outcome, in plain words. */
export interface Explanation {
  readonly title: string;
  readonly meaning: string;
  /** Most likely first. */
  readonly causes: readonly string[];
  readonly nextSteps: readonly string[];
  readonly tone: Tone;
  /** Where to look next: allowed https: links (app/links.ts), opened in the system browser. */
  readonly links?: readonly { readonly label: string; readonly url: string }[];
}

export const PORTAL_LINK = {
  label: 'Open the Telstra Developer Portal',
  url: TELSTRA_DEVELOPER_PORTAL,
} as const;

/** Causes shared by several outcomes, written once. Facts from shared/telstra-token-endpoint.md. */
export const CAUSE = {
  whiteSpace:
    'White space or a line break was copied along with the client ID or secret. Telstra’s own 401 text says “ensure there are no white spaces”.',
  curlSample:
    'A placeholder was sent instead of the real value: Telstra’s curl sample puts $CLIENT_KEY inside single quotes, so a shell sends the literal text “$CLIENT_KEY” (an older sample also had “&amp;” and a missing “$”).',
  wrongApp:
    'The keys come from the wrong app in the Telstra developer portal: Free Trial users must use the “Free Trial APIs” app, paid customers the “Production Keys” app.',
  wrongVersion:
    'v2 keys were used against the v3 endpoint, or the reverse; v3 keys also stop working on the expiry date chosen when they were created.',
  v2Retired:
    'Telstra announced in July 2023 that Messaging API v2 would be decommissioned in August 2024, so the v2 URL may now refuse every key.',
  malformedCurl:
    'If you are comparing with a command line: a malformed curl command (for example a missing space before -d) sends something other than what you meant.',
} as const;

export const STEP = {
  recopy:
    'Copy the client ID and secret again from the Telstra developer portal, paste them into empty fields, and check that nothing precedes or follows them.',
  tryV3: 'If your keys were created for Messaging API v3, choose the “Messaging API v3” endpoint.',
  checkApp:
    'In the developer portal, check which app the keys belong to (Free Trial APIs or Production Keys) and that it has the Messaging product.',
  sandbox:
    'To check that this computer and the app work, choose “Sandbox (offline)”: it answers like the real endpoint without leaving this machine.',
} as const;
