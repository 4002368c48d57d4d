// Entries in the history that are not requests: what the user did with a saved secret.
import type { Explanation } from './types';

export const EVENT_EXPLANATIONS: Readonly<Record<'secret-revealed', Explanation>> = {
  'secret-revealed': {
    tone: 'warning',
    title: 'Saved secret revealed',
    meaning:
      'The saved profile’s client secret was shown in the window because “Reveal secret” was pressed. Nothing was sent; the secret itself is not recorded.',
    causes: [
      'Revealing is the only way a stored secret reaches the window; from there it can be copied or sent anywhere by hand.',
    ],
    nextSteps: [
      'If nobody here meant to reveal it, treat the secret as exposed: create a new one in the Telstra developer portal and save it again.',
    ],
  },
};
