// Finds the low-level code in whatever a fetch implementation threw. Node's fetch wraps the socket
// error as `cause` (ECONNREFUSED, CERT_HAS_EXPIRED, UND_ERR_SOCKET…); Electron's net.fetch throws
// an Error whose message holds Chromium's name (net::ERR_CONNECTION_REFUSED…).

const CHROMIUM_CODE = /net::ERR_[A-Z0-9_]+/;

/** Electron's net.fetch rejects this way when a redirect is not followed (redirect: 'manual'). */
export function isRefusedRedirect(error: unknown): boolean {
  return (
    error instanceof Error &&
    /^(Redirect was cancelled|Attempted to redirect, but redirect policy was 'error')$/.test(error.message)
  );
}

export function networkCodeOf(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(code)) return code;
    if (typeof message === 'string') {
      const match = CHROMIUM_CODE.exec(message);
      if (match) return match[0];
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
