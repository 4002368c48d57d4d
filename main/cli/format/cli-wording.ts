// The catalog (app/explanations/) is written for the window: "press “Check Messaging access”",
// "choose a preset", "Open “Raw response”". At a terminal those controls do not exist, so every
// explanation the command line prints goes through here and names the option that does the same
// (test/unit/cli-wording.test.ts checks that no catalog entry reaches the terminal naming a
// window-only control). Rules are whole phrases, so a sentence the rules do not know stays as it is.
import type { Explanation } from '../../../app/explanations';

const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // Choosing an endpoint, a preset or the sandbox in the form.
  [/choose the “Messaging API v3” endpoint/g, 'use --endpoint v3'],
  [
    /choose “Sandbox \(offline\)”/g,
    'use --endpoint sandbox with the sandbox’s credentials (the sandbox command prints them)',
  ],
  [
    /Choose a preset to restore the published token URL/g,
    'Use --endpoint v2 or v3 for the published token URL',
  ],
  [/, or choose a preset/g, ', or use --endpoint v2 or v3'],
  [
    /Choose the endpoint preset again to restore its scope/g,
    'Leave --scope out to send the endpoint’s own scope',
  ],
  [/the v3 preset asks for/g, '--endpoint v3 without --scope asks for'],
  // The form's fields are the command's options.
  [/The grant type field holds/g, 'The --grant-type value is'],
  [
    /The grant type field was edited, or has white space around/g,
    'A --grant-type other than the default was given, or it has white space around',
  ],
  [
    /Fill every field, and keep the grant type as client_credentials/g,
    'Give every value, and leave --grant-type out (it is client_credentials)',
  ],
  [/Check the grant type and every field/g, 'Check --grant-type and every value given'],
  [/Set the grant type to/g, 'Set --grant-type to'],
  [/paste them into empty fields/g, 'give them again (--client-id, and --secret-stdin or --secret-env)'],
  [/\b([Aa]) (required )?field (is|cannot)/g, '$1 $2value $3'],
  [/Correct the field named above/g, 'Correct the value named in the detail'],
  [/the request’s scope field/g, 'the request’s scope (--scope)'],
  // Buttons.
  [/Press “(Request token|Check Messaging access)” to try again/g, 'Run the command again'],
  // The Messaging API URL of a check is the request's --messaging-url.
  [/Check the Messaging API URL\b/g, 'Check the Messaging API URL (--messaging-url)'],
  [/request a token and press “Check Messaging access”/g, 'run the request again with --check-access'],
  [/Open “Raw response”/g, 'Run again with --json and read failure.bodyExcerpt'],
  [
    /Type the secret into the form to send a one-off request; it is not stored unless you press “Save to keychain”/g,
    'Give the secret with --secret-stdin or --secret-env instead of --profile to send a one-off request; nothing is stored',
  ],
  [
    /Type the secret and press “Save to keychain” to store it again/g,
    'Open the profile in the app (the ui command, or the desktop app), type the secret and save it again',
  ],
  [/in the window because “Reveal secret” was pressed/g, 'in the app’s window at the user’s request'],
  // The window's diagnostic report; the command line's equivalent is its JSON.
  [
    /Copy the diagnostic report for Telstra support/g,
    'Send this command’s --json output to Telstra support (it holds no secret, and no token without --show-token)',
  ],
  [/contact Telstra support with the report/g, 'contact Telstra support with this command’s --json output'],
  [/restart the app and report the message below/g, 'report the detail shown with it'],
  [/restart the app or your session/g, 'log out and in again'],
];

/** One sentence of the catalog, as the command line says it. */
export function cliWording(sentence: string): string {
  let text = sentence;
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  return text;
}

/** An explanation with every sentence in the command line's words. */
export function forCli<E extends Explanation>(explanation: E): E {
  return {
    ...explanation,
    meaning: cliWording(explanation.meaning),
    causes: explanation.causes.map(cliWording),
    nextSteps: explanation.nextSteps.map(cliWording),
  };
}
