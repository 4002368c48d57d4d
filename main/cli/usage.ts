// The help text of each command, and how a usage error is reported. The CLI's name for itself
// is the package's `bin` name.
import { visibleControls } from './format/terminal-safe';
import type { CommandName } from './args';
import { COMMANDS, NO_SECRET_OPTION } from './args';
import { EXIT, type ExitCode } from './exit-codes';
import { usageErrorJson } from './format/result-json';
import type { Output } from './io';

export const PROGRAM = 'telstra-token';

const EXIT_STATUS = `Exit status:
  0   a token was received
  1   usage error: the command line is wrong, nothing was sent
  2   rejected by the server (4xx), e.g. invalid_client
  3   server error (5xx), or an answer without a usable token (a redirect, not a token, too big)
  4   no HTTP answer: DNS, refused, reset, TLS, proxy, timeout
  5   the keychain could not be used: a profile's secret could not be read (nothing was sent),
      or profiles import could not store one
  70  internal error of ${PROGRAM} itself
  74  the output could not be written (a full disk, an I/O error): what was printed is cut short
  130 interrupted (Ctrl-C, or Ctrl-D with nothing typed, at the secret prompt; Ctrl-C while
      the request waits cancels it, and its result is printed; SIGTERM and SIGHUP alike;
      also while the output waits for a reader that does not read)
  141 request --all-profiles stopped because its output's reader closed it (| head -1)`;

const GENERAL = `${PROGRAM}: test Telstra Messaging API credentials against the OAuth token endpoint

Usage:
  ${PROGRAM} request --client-id ID (--secret-stdin | --secret-env VAR) [options]
  ${PROGRAM} request --profile NAME [options]
  ${PROGRAM} request --all-profiles [--timeout SECONDS] [--user-data-dir DIR] [--json]
  ${PROGRAM} profiles [--user-data-dir DIR] [--json]
  ${PROGRAM} profiles import FILE|--from-env [--yes] [--user-data-dir DIR] [--json]
  ${PROGRAM} profiles export [--user-data-dir DIR] [--json]
  ${PROGRAM} sandbox [--json]
  ${PROGRAM} explain STATUS [CODE] [--json]
  ${PROGRAM} explain OUTCOME [--json]
  ${PROGRAM} ui [--port N] [--no-open] [--json]
  ${PROGRAM} start [--browser] [--port N] [--no-open] [--json]
  ${PROGRAM} help [COMMAND]
  ${PROGRAM} --version [--json]

Commands:
  request    ask for a token and explain the answer
  profiles   list the profiles saved in the app (never their secrets)
  sandbox    run the app's offline sandbox until Ctrl-C
  explain    show the app's explanation of a status and error code, or of an outcome
  ui         the app's window in your own browser (browser mode), until Ctrl-C
  start      the desktop app (Electron), or browser mode where Electron cannot start

${EXIT_STATUS}

"${PROGRAM} help request" lists the request options. Colour only on a terminal; NO_COLOR
set to a value turns it off.`;

const REQUEST = `Usage:
  ${PROGRAM} request --client-id ID --secret-stdin [options]
  ${PROGRAM} request --client-id ID --secret-env VAR [options]
  ${PROGRAM} request --profile NAME [options]
  ${PROGRAM} request --all-profiles [--timeout SECONDS] [--user-data-dir DIR] [--json]

Ask the token endpoint for a token (client-credentials grant) and explain the answer.

--all-profiles does it for every profile saved in the app, each as saved (no option but
--timeout changes them), a few at a time with a short pause between starts (after a 429, the
time its Retry-After asks, at most a minute; said on standard error): one line per profile
(with --json, one JSON object per line), never a secret or a token, and the worst exit status of
all. Every secret is read from the keychain before the first request, so that none is shown in
another profile's answer. Ctrl-C starts nothing more and cancels the requests in flight (exit 130);
so does output that can take no more: exit 141 when its reader closed it, 74 when it failed.

Credentials:
  --client-id ID        the client ID (Telstra's "client key")
  --secret-stdin        read the client secret from standard input, to its end, dropping one
                        trailing line break; any other white space is sent as typed. On a
                        terminal it asks, without showing what you type.
  --secret-env VAR      read the client secret from the environment variable VAR
  --profile NAME        a profile saved in the app: its client ID, endpoint, scope and grant
                        type, and its secret from the OS keychain
  --user-data-dir DIR   the app's data folder, where its profiles are (as the app's own
                        switch; also TOKEN_TESTER_USER_DATA_DIR)

${NO_SECRET_OPTION.replace(/^/gm, '  ')}

Options:
  --endpoint WHERE      v2, v3, sandbox, or a token URL (https:, or http: on this computer).
                        Default: v2, or the profile's endpoint; a profile's secret is only
                        ever sent to the endpoint saved with it. "sandbox" starts the built-in
                        offline sandbox for this one request.
  --scope SCOPE         default: NSMS for v2 and the sandbox, every Messaging scope for v3,
                        none for a URL, or the profile's scope
  --grant-type TYPE     default: client_credentials, or the profile's
  --timeout SECONDS     give up after 1 to 300 seconds (default 20, or TOKEN_TESTER_TIMEOUT_MS)
  --json                print one JSON object instead of text (fields in the README)
  --show-token          print the access token; it is masked otherwise, in JSON too
  --check-access        after a token, prove the key may use Messaging: one read-only
                        GET …/virtual-numbers with it (v3, the sandbox or a token URL; v2 is
                        not checked, since Telstra decommissioned Messaging API v2: with v2
                        it is a usage error, exit 1, and nothing is sent). Exit
                        status then: 0 only when access is confirmed, 2 refused (401, 402
                        not set up for Messaging, 403 scope missing, other 4xx), 3 server
                        error (5xx) or a token not of type Bearer (not sent), 4 no answer.
                        --json adds "accessCheck".
  --messaging-url URL   the Messaging API base URL for --check-access (https:, or http: on
                        this computer). Default: https://products.api.telstra.com/messaging/v3
                        (not with the sandbox, which answers the check itself)
  -h, --help            this help

Values are sent exactly as given.

Network: requests follow HTTPS_PROXY / https_proxy / ALL_PROXY and NO_PROXY, as curl does (a
login in the proxy URL is sent to the proxy, never printed). Certificates are checked against
Node's own list of authorities, not the operating system's: add a company's root certificate with
NODE_EXTRA_CA_CERTS=/path/to/root.pem.

${EXIT_STATUS}

Examples:
  printf '%s' "$SECRET" | ${PROGRAM} request --client-id "$ID" --secret-stdin --endpoint v3
  ${PROGRAM} request --client-id "$ID" --secret-env TELSTRA_SECRET --json
  ${PROGRAM} request --profile "Free trial" --show-token
  ${PROGRAM} request --client-id "$ID" --secret-env TELSTRA_SECRET --endpoint v3 --check-access`;

const PROFILES = `Usage:
  ${PROGRAM} profiles [--user-data-dir DIR] [--json]
  ${PROGRAM} profiles import FILE|--from-env [--yes] [--user-data-dir DIR] [--json]
  ${PROGRAM} profiles export [--user-data-dir DIR] [--json] > profiles.json

List the profiles saved in the app, from its data folder (--user-data-dir or
TOKEN_TESTER_USER_DATA_DIR moves it, as for the app), and whether the OS keychain holds each
one's secret. Secrets are never printed.

import reads ~/.telstra/credentials (every section a profile), a .env file, a Postman
environment, a file from "profiles export", or (--from-env) TELSTRA_CLIENT_ID and
TELSTRA_CLIENT_SECRET, and prints a preview. At a terminal it then asks; --yes imports without
asking; otherwise nothing is written. Secrets go to the OS keychain only; names already in use get
a free name ("prod (2)"); the file is never changed. export prints the profiles as JSON without
any secret; importing it back marks the secrets missing. A damaged profiles file is not exported
(exit 1, and why; with --json, also as one object).`;

const SANDBOX = `Usage:
  ${PROGRAM} sandbox [--json]

Run the app's built-in sandbox, a local imitation of the Telstra token endpoint on 127.0.0.1 (a
free port), in the foreground until Ctrl-C, and print its URL, credentials and the client IDs
that misbehave on purpose. With --json, print them first as one JSON line:
{"tokenUrl", "clientId", "clientSecret", "scenarios": [{"clientId", "description"}]}.`;

const EXPLAIN = `Usage:
  ${PROGRAM} explain STATUS [CODE] [--json]
  ${PROGRAM} explain OUTCOME [--json]

Show the explanation the app gives for an answer: its meaning, likely causes and what to try.
  STATUS    the HTTP status, e.g. 401 (0 is the API spec's catch-all "internal error")
  CODE      the OAuth error code in the answer, e.g. invalid_client
  OUTCOME   a failure without a status: timeout, a network error code such as ECONNREFUSED or
            CERT_HAS_EXPIRED, or any outcome name printed by "request --json"

Examples:
  ${PROGRAM} explain 401 invalid_client
  ${PROGRAM} explain 503
  ${PROGRAM} explain ENOTFOUND`;

const UI = `Usage:
  ${PROGRAM} ui [--port N] [--no-open] [--json]

Serve the app's window to your own browser ("browser mode"): the same window, requests,
keychain profiles and sandbox as the desktop app, on http://127.0.0.1 only, until Ctrl-C. It
opens your browser where there is a desktop (BROWSER=none or --no-open: it does not); otherwise
it prints the address to open, and Enter prints a new one. An address holds a pairing code that
works once, for one page; other users of this computer can reach the port but not the app.
  --port N      listen on this port of 127.0.0.1 (default: a free one)
  --no-open     do not open a browser
  --json        print {"url", "opened", "origin", "port"} as one JSON line instead of the
                text ("url" is null when the browser was opened); when it cannot start (the
                port in use, another app on the data folder), the line is {"ok": false,
                "exitCode": 1, "outcome": "not-started", "title", "message"}

Requests follow HTTPS_PROXY / https_proxy / ALL_PROXY and NO_PROXY, as curl does.`;

const START = `Usage:
  ${PROGRAM} start [--browser] [--port N] [--no-open] [--json]

What "npm start" runs in a clone: the desktop app with Electron, fetching Electron's binary on
first use. Where Electron cannot start (its binary cannot be downloaded, no graphical display),
it says why in a few lines and starts browser mode instead (see "${PROGRAM} help ui", whose
--port, --no-open and --json it takes for browser mode).
  --browser     start browser mode directly`;

const HELP: Record<CommandName, string> = {
  request: REQUEST,
  profiles: PROFILES,
  sandbox: SANDBOX,
  explain: EXPLAIN,
  ui: UI,
  start: START,
};

/**
 * The help, with every command it shows written as the user's shell runs this program (`runAs`,
 * e.g. `npx telstra-token` in a clone, where a bare `telstra-token` is not on PATH).
 */
export function helpText(command: CommandName | null, runAs: string = PROGRAM): string {
  const text = command === null ? GENERAL : HELP[command];
  const commandLine = new RegExp(`\\b${PROGRAM} (?=(${[...COMMANDS, 'help'].join('|')})\\b)`, 'g');
  // npx takes `--version` for its own (it prints npm's): after `--` it goes to this program.
  const version = runAs.startsWith('npx ') ? `npx -- ${runAs.slice(4)}` : runAs;
  return text
    .replace(commandLine, () => `${runAs} `)
    .replace(new RegExp(`\\b${PROGRAM} (?=--version\\b)`, 'g'), () => `${version} `);
}

export interface UsageError {
  readonly command: CommandName | null;
  readonly message: string;
  readonly json: boolean;
}

/** On stderr for people; with --json also as the one JSON object on stdout, for scripts. */
export function reportUsageError(output: Output, error: UsageError, runAs: string = PROGRAM): ExitCode {
  const { err } = output;
  // A message can quote what was read from a file (a saved profile's name): shown, never obeyed.
  err.line(`${PROGRAM}: ${error.message.split('\n').map(visibleControls).join('\n')}`);
  err.line(
    error.command === null
      ? `\n${helpText(null, runAs)}`
      : `Run "${runAs} help ${error.command}" for its options.`,
  );
  if (error.json) output.out.json(usageErrorJson(error.message));
  return EXIT.usage;
}
