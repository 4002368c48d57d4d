// The two explanations the window needs on its own (when the main process refuses a call before
// any request): kept in a module of their own so the window's bundle carries only these, not the
// whole catalog (the main process sends each result's explanation with it).
import type { Explanation } from './types';

export const INVALID_INPUT: Explanation = {
  tone: 'error',
  title: 'Request not sent',
  meaning: 'The app did not send the request because a field cannot be used as it is.',
  causes: ['A field is empty, too long, or the token URL is not https: (http: is only for this computer).'],
  nextSteps: ['Correct the field named above and try again.'],
};

export const APP_ERROR: Explanation = {
  tone: 'error',
  title: 'The app could not complete this',
  meaning: 'Something went wrong inside the app itself; nothing was sent to the server.',
  causes: ['A fault in the app. Your credentials are not the problem.'],
  nextSteps: ['Try again.', 'If it keeps happening, restart the app and report the message below.'],
};

/** A call the window's own connection to the app refused (in browser mode: stopped, no access). */
export const NOT_CONNECTED: Explanation = {
  tone: 'error',
  title: 'Not connected to the app',
  meaning: 'This page is not connected to a running app, so nothing was sent to the server.',
  causes: ['Browser mode was stopped or started again, or this page was opened from an address used before.'],
  nextSteps: ['Open the address browser mode prints (press Enter in its terminal for a new one).'],
};
