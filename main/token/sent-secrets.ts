// The client secrets this process has sent, in memory only, so that what any server says is
// redacted of all of them, not only of the one its own request carried: a server that has seen
// several profiles' secrets (a batch run, or one profile after another) could echo one of them in
// another's answer, and that answer goes to the window, the history, a report or a terminal.
// Never written anywhere; gone with the process (the request log already holds the secrets sent).

export interface SentSecrets {
  /** Changes whenever the list does: a redactor made before is out of date. */
  readonly version: number;
  /** Before a request carrying `secret` is sent. */
  add(secret: string): void;
  /** Every secret remembered but `secret`, oldest first. */
  others(secret: string): readonly string[];
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
    others(secret) {
      if (cached?.version !== version || cached.except !== secret)
        cached = { version, except: secret, list: order.filter((value) => value !== secret) };
      return cached.list;
    },
  };
}
