// The client secrets this process has sent, in memory only, so that what any server says is
// redacted of all of them, not only of the one its own request carried: a server that has seen
// several profiles' secrets (a batch run, or one profile after another) could echo one of them in
// another's answer, and that answer goes to the window, the history, a report or a terminal.
// Never written anywhere; gone with the process (the request log already holds the secrets sent).
// Tokens are not kept here: a new one comes with every answer, and the list would grow with every
// request, each answer then searched for all of them.

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
}

/** Keeps the last `limit` distinct secrets (more than a data folder's profiles). */
export function createSentSecrets(limit = 512): SentSecrets {
  const order: string[] = [];
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
  };
}

/**
 * A redactor that `make` builds for the secrets sent so far, made again whenever that list has
 * changed since (a batch run's requests overlap; a server could hold its answer until another's
 * secret has come). Made on first use only.
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
    return made(text);
  };
}
