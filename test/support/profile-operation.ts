// For test/faults/killed-mid-save.test.ts: one profile operation of the desktop app's, through its
// profile service on the real keychain (keytar in this process, as in the app), in a data folder,
// for a test to kill midway (with stop-at-profiles-write.mjs). Each operation first saves a new
// profile "P" with the secret "first-secret" (the first write of profiles.json), then:
//   create     nothing more
//   duplicate  duplicates it
//   delete     deletes it
//   move       saves it with a new endpoint and the secret "second-secret"
//   node --import tsx --import stop-at-profiles-write.mjs profile-operation.ts <dir> <operation>
import { createKeychain } from '../../main/profiles/keychain';
import { createProfileService } from '../../main/profiles/profile-service';
import { createProfileStore } from '../../main/profiles/profile-store';

const [dir, operation] = process.argv.slice(2);
const profiles = createProfileService({
  store: createProfileStore(dir ?? ''),
  keychain: createKeychain({ service: process.env.TOKEN_TESTER_KEYCHAIN_SERVICE ?? '' }),
});
const fields = {
  name: 'P',
  clientId: 'p-client-id',
  preset: 'v3',
  tokenUrl: '',
  grantType: 'client_credentials',
  scope: '',
} as const;
const made = await profiles.save({ profileId: null, fields, secret: 'first-secret' });
if (!made.ok) throw new Error(`not saved: ${made.message}`);
const id = made.profile.id;
const answer =
  operation === 'duplicate'
    ? await profiles.duplicate(id)
    : operation === 'delete'
      ? await profiles.remove(id)
      : operation === 'move'
        ? await profiles.save({
            profileId: id,
            fields: { ...fields, preset: 'custom', tokenUrl: 'https://moved.example/token' },
            secret: 'second-secret',
          })
        : made;
console.log(JSON.stringify({ ok: answer.ok }));
