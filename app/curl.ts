// "Copy as curl": the same token request as one command line for a POSIX shell (sh, bash, zsh),
// so support staff can reproduce a result outside the app. The secret is never part of it: the
// shell takes it from a variable, and hands it to curl on standard input (printf is built into
// sh, bash and zsh, so no process has it in its arguments). Arguments are readable by every user
// of the machine while a command runs (`ps`, /proc/PID/cmdline): the exposure the command line
// refuses `--secret` for. Telstra's own sample put $CLIENT_KEY inside single quotes, so shells
// sent the placeholder itself; that is the other mistake this avoids.
import { checkTokenUrl } from './endpoints';
import { formEncode } from './client-auth';
import { percentEncode, URI_COMPONENT } from './text-encoding';

export const SECRET_VARIABLE = 'TELSTRA_CLIENT_SECRET';

export interface CurlInput {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly grantType: string;
  readonly scope: string;
}

/**
 * Refuses to run without the secret: `${VAR:?message}` stops the command with the message when
 * the variable is unset or empty, in sh, bash and zsh alike (an interactive shell stays open).
 * Without it, a forgotten variable would send an empty secret and come back as a confusing
 * invalid_client.
 */
export const SECRET_GUARD = `: "\${${SECRET_VARIABLE}:?Set ${SECRET_VARIABLE} to the client secret first}"`;

/** POSIX single quotes: nothing inside is special except the quote itself, written '\''. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Characters a pasted command line cannot carry faithfully: NUL (no program argument can hold
 * it), control characters (a terminal or line editor acts on them while pasting: tab completes,
 * CR becomes LF), invisible format and direction characters (they can make a command read
 * differently from what it does), line separators and lone surrogates (not valid UTF-8).
 */
const UNPASTEABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/**
 * One form field. Printable values go through --data-urlencode so they stay readable; the others
 * are encoded here, exactly as the app encodes its own request body, and sent with --data.
 */
function formField(name: string, value: string): string {
  if (UNPASTEABLE.test(value)) return `--data ${shellQuote(`${name}=${formEncode(value)}`)}`;
  return `--data-urlencode ${shellQuote(`${name}=${value}`)}`;
}

/** The URL the app itself would call; otherwise the text as typed, with unpasteable characters encoded. */
function commandUrl(tokenUrl: string): string {
  const verdict = checkTokenUrl(tokenUrl);
  if (verdict.ok) return verdict.url;
  return [...tokenUrl.trim()]
    .map((char) => (UNPASTEABLE.test(char) ? percentEncode(char, URI_COMPONENT) : char))
    .join('');
}

/**
 * The secret on curl's standard input: `printf '%s'` adds no line break, and curl's
 * `--data-urlencode name@-` reads all of it (line breaks included) and encodes it as a form value.
 */
export const SECRET_FROM_STDIN = `printf '%s' "$${SECRET_VARIABLE}" |`;

export function curlCommand(input: CurlInput): string {
  const parts = [
    SECRET_GUARD,
    '&&',
    SECRET_FROM_STDIN,
    'curl',
    // -q (first, or curl ignores it) skips ~/.curlrc, which could add --location and so send the
    // credentials on to wherever a redirect points. Redirects are not followed: curl's default.
    '-q',
    // URLs as written: no {a,b} or [1-9] globbing (a query's brackets, the [masked] the app puts
    // in place of a credential written into the URL: main/token/url-credentials.ts).
    '--globoff',
    // No progress meter, but errors (DNS, TLS, refused) still shown.
    '--silent',
    '--show-error',
    // Show the status line and headers: support needs the status and any request id.
    '--include',
    '--url',
    shellQuote(commandUrl(input.tokenUrl)),
    '--header',
    shellQuote('Accept: application/json'),
    formField('client_id', input.clientId),
    '--data-urlencode',
    'client_secret@-',
    formField('grant_type', input.grantType),
  ];
  if (input.scope !== '') parts.push(formField('scope', input.scope));
  return parts.join(' ');
}
