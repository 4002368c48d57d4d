// Browser mode's page gets its capability (the key every call carries) by trading the pairing
// code in its address (page-api.ts asks once, as the page loads).
const STORAGE_KEY = 'token-tester.capability';
/** The header every call and the notice stream carry the capability in. */
export const CAPABILITY_HEADER = 'X-Token-Tester-Capability';

/**
 * The capability, traded for the single-use pairing code in the address's fragment (never sent
 * to any server as part of a URL, and removed from the address bar at once), so the browser's
 * history only ever holds a spent code. Kept in sessionStorage so a reload works: it belongs to
 * this origin, port included, unlike a cookie, which every port of 127.0.0.1 would receive.
 */
export async function obtainCapability(): Promise<string | null> {
  const pairing = new URLSearchParams(location.hash.slice(1)).get('pair');
  if (pairing !== null) history.replaceState(null, '', location.pathname);
  if (pairing) {
    const answer = await fetch('/api/pair', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Token-Tester-Pairing': pairing },
      body: '{}',
    }).catch(() => null);
    if (answer?.ok) {
      const { capability } = (await answer.json()) as { capability: string };
      sessionStorage.setItem(STORAGE_KEY, capability);
    }
  }
  return sessionStorage.getItem(STORAGE_KEY);
}

/** The page was stopped or its key refused: a reload must not use the key again. */
export function forgetCapability(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
