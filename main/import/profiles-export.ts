// "Export profiles": everything a profile holds except its secret, in a file the app's import
// reads back (the secrets then show as missing, as when a keychain entry is gone).
import type { Profile } from '../../app/profiles';
import { EXPORT_FORMAT } from './json-formats';

export function exportProfilesJson(profiles: readonly Profile[], now: number): string {
  const document = {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: new Date(now).toISOString(),
    // Listed field by field, so a field added to profiles later is not exported without a thought.
    profiles: profiles.map(({ name, clientId, preset, tokenUrl, grantType, scope }) => ({
      name,
      clientId,
      preset,
      tokenUrl,
      grantType,
      scope,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Named for the day it is made on this computer's calendar (not UTC's: a Sydney morning's was yesterday's). */
export function exportFileName(now: number): string {
  const day = new Date(now);
  return `telstra-profiles-${day.getFullYear()}-${two(day.getMonth() + 1)}-${two(day.getDate())}.json`;
}
