// The app's own export from a newer version, read by this one: what that version may add without a
// new export version is left out, not taken for damage; a later version is named as such.
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT, readCredentialText } from '../../main/import/credential-formats';

const profile = {
  name: 'P',
  clientId: 'c',
  preset: 'v3',
  tokenUrl: '',
  grantType: 'client_credentials',
  scope: '',
};
const read = (document: object) => readCredentialText(JSON.stringify(document), 'export.json');

describe('an export a newer version made', () => {
  it('with a key it added beside the profiles is read, that key left out', () => {
    const answer = read({ format: EXPORT_FORMAT, version: 1, exportedFrom: 'laptop', profiles: [profile] });
    expect(answer.ok && answer.found).toEqual([
      expect.objectContaining({ name: 'P', clientId: 'c', preset: 'v3', clientSecret: null }),
    ]);
    expect(answer.ok && answer.found[0]).not.toHaveProperty('exportedFrom');
  });

  it('of a later export version is refused in words that say so', () => {
    const answer = read({ format: EXPORT_FORMAT, version: 2, profiles: [profile] });
    expect(!answer.ok && answer.message).toBe(
      'This profiles export was made by a newer version of the app (export version 2; this version reads version 1). Import it with that version of the app. Nothing was imported.',
    );
  });

  it('that is damaged is still said to be', () => {
    const answer = read({ format: EXPORT_FORMAT, version: 1, profiles: [{ ...profile, clientId: 42 }] });
    expect(!answer.ok && answer.message).toBe(
      'This profiles export is damaged or from a newer version of the app. Nothing was imported.',
    );
  });
});
