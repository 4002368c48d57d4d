// The keychain adapter's overhead: save, read and delete of a profile secret through the app's
// adapter, beside the same three calls made with keytar directly, on gnome-keyring (the private
// one `npm run bench` starts). Budget: ratio of medians at most 1.2.
import keytar from 'keytar';
import { createKeychain } from '../../../main/profiles/keychain';
import { hasTestKeyring, testService } from '../../support/keyring';
import { alternateAsync, ratioRows, type Figure } from '../figure';

export const keychainOverhead: Figure = {
  name: 'keychain',
  async measure({ runs }) {
    if (!hasTestKeyring) {
      return [
        {
          figure: 'keychain: save, read, delete',
          median: 'not measured',
          p95: '',
          budget: 'needs the private keyring (run through npm run bench)',
          within: false,
          data: {},
        },
      ];
    }
    const service = testService();
    const adapter = createKeychain({ service });
    const viaAdapter = async () => {
      const started = performance.now();
      await adapter.setSecret('bench-profile', 'bench-secret-value', { putBack: null });
      if ((await adapter.getSecret('bench-profile')) !== 'bench-secret-value')
        throw new Error('read back wrong');
      await adapter.deleteSecret('bench-profile');
      return performance.now() - started;
    };
    const direct = async () => {
      const started = performance.now();
      await keytar.setPassword(service, 'bench-direct', 'bench-secret-value');
      if ((await keytar.getPassword(service, 'bench-direct')) !== 'bench-secret-value')
        throw new Error('read back wrong');
      await keytar.deletePassword(service, 'bench-direct');
      return performance.now() - started;
    };
    const measured = await alternateAsync(Math.max(runs, 30), 5, viaAdapter, direct);
    return ratioRows(
      'keychain: save, read and delete through the adapter (gnome-keyring)',
      'the same three calls with keytar directly',
      measured,
      1.2,
    );
  },
};
