// The exit status is the CLI's answer for scripts (documented in the README): one number per
// kind of outcome, so a pipeline can tell "fix the command" from "fix the keys" from "retry".
import type { TokenResult } from '../../app/token-result';

export const EXIT = {
  /** A token was received. */
  token: 0,
  /** The command line was wrong: nothing was sent. */
  usage: 1,
  /** The server refused the request (4xx): the credentials or the request need fixing. */
  rejected: 2,
  /** The server failed, or answered without a usable token (5xx, redirect, not a token). */
  serverError: 3,
  /** No HTTP answer: DNS, refused, reset, TLS, proxy, timeout. */
  noAnswer: 4,
  /** The saved profile's secret could not be read from the keychain: nothing was sent. */
  keychain: 5,
  /** The CLI itself failed (a bug). 70 is EX_SOFTWARE in BSD's sysexits. */
  internal: 70,
  /**
   * What the command printed could not all be written (a full disk, an I/O error; not a pipe
   * closed by its reader, `| head`): its output is not to be trusted. 74 is EX_IOERR.
   */
  output: 74,
  /** Ctrl-C at the secret prompt: the status a shell reports for an interrupted command. */
  interrupted: 130,
  /**
   * `request --all-profiles` stopped because its output's reader closed it before the run was done
   * (`| head -1`): 128 + SIGPIPE, what a shell reports for a program its reader left.
   */
  readerGone: 141,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeFor(result: TokenResult): ExitCode {
  if (result.ok) return EXIT.token;
  switch (result.kind) {
    case 'http':
      return result.status !== null && result.status >= 400 && result.status < 500
        ? EXIT.rejected
        : EXIT.serverError;
    case 'redirect':
    case 'unexpected-response':
    case 'too-large':
      return EXIT.serverError;
    case 'network':
    case 'timeout':
    case 'cancelled':
      return EXIT.noAnswer;
    case 'keychain':
      return EXIT.keychain;
    // A profile deleted while the command ran, like a wrong value: nothing was sent for it.
    case 'invalid-input':
    case 'profile-deleted':
      return EXIT.usage;
  }
}
