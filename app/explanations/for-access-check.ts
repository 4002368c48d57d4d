// The catalog's words for a failure below the Messaging answer itself (a network failure, a
// timeout, a redirect, an answer too large, a cancel) are written for the token call: "the token
// URL", "choose a preset", "the credentials". A Messaging access check that fails the same way
// says the same thing about its own call: the Messaging API URL, and the token it carries.
import type { Explanation } from './types';

const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/Choose a preset to restore the published token URL/g, 'Leave the Messaging API URL at its default'],
  [/Use the published token URL, or choose a preset/g, 'Use the published Messaging API URL'],
  [/, or choose a preset/g, ''],
  [/([Tt])he token URL’s/g, '$1he Messaging API URL’s'],
  [/([Tt])he token URL/g, '$1he Messaging API URL'],
  [/the token server/g, 'the Messaging API'],
  [/Telstra’s token endpoint does not ask for one/g, 'Telstra’s Messaging API does not ask for one'],
  [/Telstra’s endpoints need none/g, 'Telstra’s Messaging API needs none'],
  [/any token response should be/g, 'any Messaging answer should be'],
  [/something other than a token endpoint/g, 'something other than the Messaging API'],
  [/before sending the credentials/g, 'before sending the token'],
  [/never follows one with credentials/g, 'never follows one with the token'],
  [/the secret would go to whoever answered/g, 'the token would go to whoever answered'],
  [/Press “Request token” to try again/g, 'Press “Check Messaging access” to try again'],
];

function reworded(sentence: string): string {
  let text = sentence;
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  return text;
}

const made = new Map<Explanation, Explanation>();

/** `explanation` as said of the Messaging access check's own call; made once per entry. */
export function forAccessCheck<E extends Explanation>(explanation: E): E {
  let said = made.get(explanation);
  if (said === undefined) {
    said = Object.freeze({
      ...explanation,
      title: reworded(explanation.title),
      meaning: reworded(explanation.meaning),
      causes: Object.freeze(explanation.causes.map(reworded)),
      nextSteps: Object.freeze(explanation.nextSteps.map(reworded)),
    });
    made.set(explanation, said);
  }
  return said as E;
}
