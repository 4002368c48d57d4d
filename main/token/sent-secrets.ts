// The client secrets this process has sent, in memory only, so that what any server says is
// redacted of all of them, not only of the one its own request carried: a server that has seen
// several profiles' secrets (a batch run, or one profile after another) could echo one of them in
// another's answer, and that answer goes to the window, the history, a report or a terminal.
// Never written anywhere; gone with the process (the request log already holds the secrets sent).
// The tokens received are kept too, and cut out of every later answer, in the fewer forms servers
// write tokens in and all at once (app/known-tokens.ts): a new one comes with every answer, so
// searching for each in every form, as for the secrets, would grow with every request.

import { createKnownTokens } from '../../app/known-tokens';
import { MIN_SUBSTRING_LENGTH } from '../../app/redact';

const isLong = (value: string) => [...value].length >= MIN_SUBSTRING_LENGTH;

export interface SentSecrets {
  /** Changes whenever the list does: a redactor made before is out of date. */
  readonly version: number;
  /** Before a request carrying `secret` is sent. */
  add(secret: string): void;
  /**
   * Every value remembered but those given (the request's own), oldest first, of MIN_SUBSTRING_LENGTH or more code points:
   * a short one ("test", a sandbox's practice secret) would be cut out of words in every answer.
   */
  others(...except: string[]): readonly string[];
  /** After a token is received. */
  addToken(token: string): void;
  /** `text` without any token received so far (app/known-tokens.ts). */
  withoutTokens(text: string): string;
}

/** Keeps the last `limit` distinct secrets (more than a data folder's profiles). */
export function createSentSecrets(limit = 512): SentSecrets {
  const order: string[] = [];
  const tokens = createKnownTokens();
  let version = 0;
  let cached: { readonly version: number; readonly except: string; readonly list: readonly string[] } | null =
    null;
  return {
    get version() {
      return version;
    },
    add(secret) {
      if (secret === '' || order.at(-1) === secret) return;
      const at = order.indexOf(secret);
      if (at !== -1) order.splice(at, 1);
      order.push(secret);
      if (order.length > limit) order.shift();
      version += 1;
    },
    others(...except) {
      const key = except.join('\u0000');
      if (cached?.version !== version || cached.except !== key)
        cached = {
          version,
          except: key,
          list: order.filter((value) => !except.includes(value) && isLong(value)),
        };
      return cached.list;
    },
    addToken: (token) => tokens.add(token),
    withoutTokens: (text) => tokens.cut(text),
  };
}

/**
 * A redactor that `make` builds for the secrets sent so far, made again whenever that list has
 * changed since (a batch run's requests overlap; a server could hold its answer until another's
 * secret has come). Made on first use only. The tokens received so far are cut out after it.
 */
export function redactingOthers(
  sent: SentSecrets | undefined,
  make: () => (text: string) => string,
): (text: string) => string {
  let made: ((text: string) => string) | null = null;
  let madeAt = -1;
  return (text) => {
    const version = sent?.version ?? 0;
    if (made === null || madeAt !== version) {
      madeAt = version;
      made = make();
    }
    return sent === undefined ? made(text) : tokensOut(sent, made, text);
  };
}

/** `redact`, then without the tokens received so far. */
export function withoutTokens(
  sent: SentSecrets | undefined,
  redact: (text: string) => string,
): (text: string) => string {
  return sent === undefined ? redact : (text) => tokensOut(sent, redact, text);
}

/**
 * `text` redacted, then without the tokens received so far; redacted again when that cut anything:
 * a short secret next to a token is left in place as part of a longer word (app/secret-forms.ts),
 * and once the token is a marker it would stand alone.
 */
function tokensOut(sent: SentSecrets, redact: (text: string) => string, text: string): string {
  const redacted = redact(text);
  const cut = sent.withoutTokens(redacted);
  return cut === redacted ? redacted : redact(cut);
}
