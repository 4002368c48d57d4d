// The window's sentence after an import: where each imported row's secret is, said only of the
// rows it is true of (renderer/profiles/ImportDialog.tsx shows it).
import { describe, expect, it } from 'vitest';
import type { ImportRowResult } from '../../app/import-preview';
import { importSummary } from '../../app/import-summary';

const row = (
  status: ImportRowResult['status'],
  secret: ImportRowResult['secret'] = null,
): ImportRowResult => ({
  rowId: `${status}-${secret}-${Math.random()}`,
  name: 'n',
  status,
  secret,
  message: '',
});

describe('importSummary', () => {
  it('says where the secrets are when each imported row had one, or had none', () => {
    expect(importSummary([row('imported', 'stored'), row('imported', 'stored')])).toBe(
      '2 of 2 imported; their secrets are in the keychain only.',
    );
    expect(importSummary([row('imported', 'stored'), row('imported', 'missing')])).toBe(
      '2 of 2 imported; 1 with its secret in the keychain only, 1 with no secret: type it in the form and save.',
    );
    expect(importSummary([row('imported', 'missing'), row('skipped')])).toBe(
      '1 of 2 imported, with no secret: type it in the form and save.',
    );
    expect(importSummary([row('failed'), row('skipped')])).toBe('0 of 2 imported.');
  });

  it('does not say a secret is in the keychain for a row the keychain could not be asked about', () => {
    // A row without a secret that replaced a saved profile while the keychain was down (not answering, locked, unreachable)
    // (main/import/import-service.ts: secret null).
    expect(importSummary([row('imported', null), row('failed')])).toBe(
      '1 of 2 imported; 1 keeps the secret saved before, if any (the keychain could not be asked).',
    );
    expect(importSummary([row('imported', 'stored'), row('imported', null), row('imported', null)])).toBe(
      '3 of 3 imported; 1 with its secret in the keychain only; 2 keep the secrets saved before, if any (the keychain could not be asked).',
    );
    expect(importSummary([row('imported', 'missing'), row('imported', null)])).toBe(
      '2 of 2 imported, 1 with no secret: type it in the form and save; 1 keeps the secret saved before, if any (the keychain could not be asked).',
    );
  });
});
