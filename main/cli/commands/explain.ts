// `telstra-token explain STATUS [CODE]`: what the window would say about such an answer,
// chosen by the app's own classification and taken from its own catalog.
import { terminalSafe } from '../format/terminal-safe';
import { codeLike, explain, EXPLANATIONS } from '../../../app/explanations';
import { networkCodeDetail } from '../../../app/explanations/network-details';
import {
  classifyHttpFailure,
  classifyNetworkCode,
  isOutcome,
  isStandardOAuthError,
  type Outcome,
} from '../../../app/outcomes';

import { CLI_EXPLANATIONS, isCliOnlyOutcome, type CliOnlyOutcome } from '../cli-outcomes';
import { EXIT, type ExitCode } from '../exit-codes';
import { explanationLines, titleIn } from '../format/explanation-text';
import { explanationJson } from '../format/result-json';
import type { Output } from '../io';
import { reportUsageError } from '../usage';

type Subject =
  | { readonly outcome: Outcome; readonly code: string | null; readonly networkCode?: string }
  | { readonly cliOutcome: CliOnlyOutcome }
  | { readonly problem: string };

/** A status (and code), an outcome name, or a network error code. */
export function subjectOf(first: string | undefined, code: string | undefined): Subject {
  if (first === undefined) {
    return { problem: 'Give an HTTP status (e.g. 401), optionally with its error code, or an outcome.' };
  }
  if (/^\d{1,3}$/.test(first)) {
    const status = Number(first);
    if (status !== 0 && (status < 100 || status > 599)) {
      return { problem: 'An HTTP status is a number from 100 to 599 (or 0, the spec’s catch-all).' };
    }
    if (status >= 200 && status < 300 && code === undefined) return { outcome: 'token-received', code: null };
    return { outcome: classifyHttpFailure(status, code ?? null), code: code ?? null };
  }
  if (code !== undefined) return { problem: 'An error code can only follow an HTTP status.' };
  if (isOutcome(first)) return { outcome: first, code: null };
  if (isCliOnlyOutcome(first)) return { cliOutcome: first };
  // Chromium's codes as its logs write them (net::ERR_…) or as pasted without the prefix (as its
  // error page shows them). Node's catch-all for ERR_SSL_… reads such a pasted name too, but less
  // well: Chromium's reading wins where it says more (a detail, or a cause more precise).
  const known = [first, `net::${first}`].filter((name) => classifyNetworkCode(name) !== 'other');
  const saysMore = (name: string) =>
    networkCodeDetail(name) !== null ? 2 : classifyNetworkCode(name) === 'tls-other' ? 0 : 1;
  const named = known.reduce<string | undefined>(
    (best, name) => (best === undefined || saysMore(name) > saysMore(best) ? name : best),
    undefined,
  );
  if (named !== undefined) {
    return { outcome: `network:${classifyNetworkCode(named)}`, code: null, networkCode: named };
  }
  return { problem: 'Not a status, outcome or network error code the app knows.' };
}

/**
 * The details the window adds for such an answer (e.g. a non-standard code), from the app's own
 * `explain`, given the one fact this command knows: the code.
 */
function detailsFor(outcome: Outcome, code: string | null): readonly string[] {
  if (code === null) return [];
  const { details } = explain({
    ok: false,
    outcome,
    error: code,
    nonStandardError: !isStandardOAuthError(code),
    retryAfterSeconds: null,
    redirectLocation: null,
  });
  // A code that is more than one word is not quoted inside the app's sentence (it could go on in
  // the app's voice): it is shown on a line of its own, as the request's "Error code" is.
  return codeLike(code) ? details : [`Error code given: ${code}`, ...details];
}

export function explainCommand(
  positionals: readonly string[],
  json: boolean,
  output: Output,
  runAs?: string,
): ExitCode {
  const subject = subjectOf(positionals[0], positionals[1]);
  if ('problem' in subject)
    return reportUsageError(output, { command: 'explain', message: subject.problem, json }, runAs);
  const [outcome, explanation, unsafeDetails] =
    'cliOutcome' in subject
      ? [subject.cliOutcome, CLI_EXPLANATIONS[subject.cliOutcome], []]
      : [
          subject.outcome,
          EXPLANATIONS[subject.outcome],
          subject.networkCode === undefined
            ? detailsFor(subject.outcome, subject.code)
            : explain({
                ok: false,
                outcome: subject.outcome,
                error: null,
                nonStandardError: false,
                retryAfterSeconds: null,
                redirectLocation: null,
                networkCode: subject.networkCode,
              }).details,
        ];
  // The error code is the caller's text (often pasted from a server's answer): no terminal
  // escapes from it reach the terminal.
  const details = terminalSafe(unsafeDetails);
  const { out } = output;
  if (json) {
    // The keys a failure of `request --json` has for its explanation, so one parser reads both.
    out.json({ outcome, title: explanation.title, explanation: explanationJson(explanation, details) });
  } else {
    out.line(`${titleIn(explanation, out.paint)} · ${outcome}`);
    for (const line of explanationLines(explanation, details, out.paint)) out.line(line);
  }
  return EXIT.token;
}
