// What the window says once an import is confirmed, from its rows' results: how many were
// imported, and where each imported row's secret is. Said only of the rows it is true of.
import type { ImportRowResult } from './import-preview';

export function importSummary(results: readonly ImportRowResult[]): string {
  const imported = results.filter((r) => r.status === 'imported');
  const count = (secret: ImportRowResult['secret']) => imported.filter((r) => r.secret === secret).length;
  // A row the file had no secret for was imported without one.
  const missing = count('missing');
  // A row without a secret that replaced a saved profile while the keychain was down: the
  // secret saved before, if any, is kept, but nobody could look.
  const unasked = count(null);
  const kept = imported.length - missing - unasked;
  const none = `with no secret: type ${missing === 1 ? 'it' : 'each'} in the form and save`;
  const secrets =
    missing === 0 && unasked === 0
      ? imported.length > 0
        ? '; their secrets are in the keychain only'
        : ''
      : kept === 0
        ? missing > 0
          ? `, ${missing === imported.length ? '' : `${missing} `}${none}`
          : ''
        : `; ${kept} with ${kept === 1 ? 'its secret' : 'their secrets'} in the keychain only${missing > 0 ? `, ${missing} ${none}` : ''}`;
  const notAsked =
    unasked === 0
      ? ''
      : `; ${unasked} ${unasked === 1 ? 'keeps the secret' : 'keep the secrets'} saved before, if any (the keychain could not be asked)`;
  return `${imported.length} of ${results.length} imported${secrets}${notAsked}.`;
}
