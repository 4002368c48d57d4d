// Requested against granted scopes: a v3 token answer may grant less than was asked for (or more),
// and that difference is often why a later Messaging call is refused.

export interface ScopeDifference {
  /** Asked for, not in the granted `scope`. */
  readonly notGranted: readonly string[];
  /** Granted, not asked for. */
  readonly notRequested: readonly string[];
}

export function scopeList(scope: string): string[] {
  return [...new Set(scope.split(/\s+/).filter((part) => part !== ''))];
}

/** Null when the answer carried no `scope` to compare with. */
export function compareScopes(requested: string, granted: string | null): ScopeDifference | null {
  if (granted === null) return null;
  // Sets: the granted list is the server's, as long as its answer may be (a 1 MiB scope).
  const asked = new Set(scopeList(requested));
  const given = new Set(scopeList(granted));
  return {
    notGranted: [...asked].filter((scope) => !given.has(scope)),
    notRequested: [...given].filter((scope) => !asked.has(scope)),
  };
}

/** The difference in plain sentences, for the explanation's details (empty when they match). */
export function describeScopeDifference(difference: ScopeDifference | null, requested: string): string[] {
  if (difference === null) return [];
  const lines: string[] = [];
  if (difference.notGranted.length > 0)
    lines.push(`Requested but not granted: ${difference.notGranted.join(', ')}.`);
  if (difference.notRequested.length > 0)
    lines.push(
      `Granted but not requested: ${difference.notRequested.join(', ')}${scopeList(requested).length === 0 ? ' (no scope was requested)' : ''}.`,
    );
  if (lines.length === 0 && scopeList(requested).length > 0)
    lines.push('The granted scope is exactly the requested one.');
  return lines;
}
