import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../app/endpoints';
import {
  fieldsToSave,
  formReducer,
  hasUnsavedEdits,
  initialForm,
  secretSource,
  usesStoredSecret,
  type FormAction,
  type FormState,
} from '../../renderer/form/form-state';
import { savedProfile } from '../support/fake-bridge';

const apply = (state: FormState, ...actions: FormAction[]) => actions.reduce(formReducer, state);

describe('the request form state', () => {
  it('starts on the v2 preset with its URL, scope and the client-credentials grant', () => {
    expect(initialForm.values).toMatchObject({
      preset: 'v2',
      tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
      scope: 'NSMS',
      grantType: 'client_credentials',
    });
    expect(hasUnsavedEdits(initialForm)).toBe(false);
  });

  it('brings each preset’s URL and scope', () => {
    const v3 = apply(initialForm, { type: 'choose-preset', preset: 'v3', sandboxUrl: null });
    expect(v3.values).toMatchObject({ tokenUrl: PRESETS.v3.tokenUrl, scope: PRESETS.v3.scope });
    const sandbox = apply(v3, {
      type: 'choose-preset',
      preset: 'sandbox',
      sandboxUrl: 'http://127.0.0.1:5/v2/oauth/token',
    });
    expect(sandbox.values).toMatchObject({
      preset: 'sandbox',
      tokenUrl: 'http://127.0.0.1:5/v2/oauth/token',
      scope: 'NSMS',
    });
  });

  it('keeps the URL and scope when switching to custom', () => {
    const custom = apply(initialForm, { type: 'choose-preset', preset: 'custom', sandboxUrl: null });
    expect(custom.values).toMatchObject({ preset: 'custom', tokenUrl: PRESETS.v2.tokenUrl, scope: 'NSMS' });
  });

  it('becomes custom when the URL is edited', () => {
    const edited = apply(initialForm, {
      type: 'edit',
      field: 'tokenUrl',
      value: 'https://proxy.example/token',
    });
    expect(edited.values).toMatchObject({ preset: 'custom', tokenUrl: 'https://proxy.example/token' });
    const other = apply(initialForm, { type: 'edit', field: 'clientId', value: ' id ' });
    expect(other.values).toMatchObject({ preset: 'v2', clientId: ' id ' });
  });

  it('fills the sandbox URL only while the sandbox is chosen', () => {
    expect(formReducer(initialForm, { type: 'sandbox-started', tokenUrl: 'http://x' })).toBe(initialForm);
  });
});

describe('a form loaded from a profile', () => {
  const profile = savedProfile();
  const loaded = apply(initialForm, { type: 'load-profile', profile });

  it('shows the profile and uses its stored secret', () => {
    expect(loaded.values).toMatchObject({ name: 'Prod app', clientId: 'prod-id' });
    expect(loaded.secret).toBe('');
    expect(usesStoredSecret(loaded)).toBe(true);
    expect(secretSource(loaded)).toEqual({ source: 'profile', profileId: profile.id });
    expect(hasUnsavedEdits(loaded)).toBe(false);
  });

  it('has unsaved edits when a field changes, and loses them when it changes back', () => {
    const edited = apply(loaded, { type: 'edit', field: 'scope', value: '' });
    expect(hasUnsavedEdits(edited)).toBe(true);
    expect(hasUnsavedEdits(apply(edited, { type: 'edit', field: 'scope', value: 'NSMS' }))).toBe(false);
  });

  it('uses a newly typed secret instead of the stored one, and counts it as an edit', () => {
    const typed = apply(loaded, { type: 'edit-secret', value: 'new-secret' });
    expect(usesStoredSecret(typed)).toBe(false);
    expect(secretSource(typed)).toEqual({ source: 'typed', value: 'new-secret' });
    expect(hasUnsavedEdits(typed)).toBe(true);
  });

  it('does not count a revealed secret as a replacement', () => {
    const revealed = apply(loaded, {
      type: 'secret-revealed',
      secret: 'stored-secret',
      id: loaded.profile!.id,
    });
    expect(revealed.secret).toBe('stored-secret');
    expect(usesStoredSecret(revealed)).toBe(true);
    expect(hasUnsavedEdits(revealed)).toBe(false);
    expect(usesStoredSecret(apply(revealed, { type: 'edit-secret', value: 'stored-secret!' }))).toBe(false);
  });

  it('cannot use a stored secret that has gone missing', () => {
    const missing = apply(initialForm, {
      type: 'load-profile',
      profile: savedProfile({ secretState: 'missing' }),
    });
    expect(usesStoredSecret(missing)).toBe(false);
    expect(secretSource(missing)).toEqual({ source: 'typed', value: '' });
  });

  it('ignores the sandbox’s changing address', () => {
    const sandboxProfile = savedProfile({ preset: 'sandbox', tokenUrl: '' });
    const form = apply(
      initialForm,
      { type: 'load-profile', profile: sandboxProfile },
      { type: 'sandbox-started', tokenUrl: 'http://127.0.0.1:9/v2/oauth/token' },
    );
    expect(form.values.tokenUrl).toBe('http://127.0.0.1:9/v2/oauth/token');
    expect(hasUnsavedEdits(form)).toBe(false);
    expect(fieldsToSave(form).tokenUrl).toBe('');
  });

  it('after a save, drops the secret it saved but keeps fields edited meanwhile, and a secret typed meanwhile', () => {
    const sent = apply(loaded, { type: 'edit-secret', value: 'saved-secret' });
    const saved = savedProfile({ secretState: 'stored' });
    // The scope was edited while the save was under way; the secret was not.
    const editedMeanwhile = apply(sent, { type: 'edit', field: 'scope', value: '' });
    const after = apply(editedMeanwhile, { type: 'saved', profile: saved, sent });
    expect(after.secret).toBe('');
    expect(after.values.scope).toBe('');
    expect(secretSource(after)).toEqual({ source: 'profile', profileId: saved.id });
    // A secret typed while the save was under way is the user's unsaved change: kept.
    const retyped = apply(editedMeanwhile, { type: 'edit-secret', value: 'newer-secret' });
    expect(apply(retyped, { type: 'saved', profile: saved, sent }).secret).toBe('newer-secret');
  });

  it('puts a revealed secret only in the form of the profile it was revealed for', () => {
    // Revealed for `loaded`'s profile, answered once another profile was chosen.
    const other = apply(loaded, {
      type: 'load-profile',
      profile: savedProfile({ id: 'other-id', name: 'Other' }),
    });
    expect(apply(other, { type: 'secret-revealed', secret: 'stored-secret', id: loaded.profile!.id })).toBe(
      other,
    );
  });

  it('after a save, leaves another profile chosen meanwhile as it is', () => {
    const sent = apply(loaded, { type: 'edit', field: 'scope', value: 'edited' });
    const other = apply(sent, {
      type: 'load-profile',
      profile: savedProfile({ id: 'other-id', name: 'Other' }),
    });
    expect(apply(other, { type: 'saved', profile: savedProfile({ scope: 'edited' }), sent })).toBe(other);
    // So too a new form's save, answered once a saved profile was chosen.
    const unsaved = apply(initialForm, { type: 'edit', field: 'name', value: 'New one' });
    const chosen = apply(unsaved, { type: 'load-profile', profile: savedProfile({ id: 'other-id' }) });
    expect(apply(chosen, { type: 'saved', profile: savedProfile(), sent: unsaved })).toBe(chosen);
  });

  it('starts afresh on "new profile"', () => {
    const fresh = apply(loaded, { type: 'new-profile' });
    expect({ ...fresh, opened: undefined }).toEqual({ ...initialForm, opened: undefined });
  });

  it('after a new profile’s save, leaves a new form opened meanwhile new, not bound to the saved one', () => {
    const sent = apply(initialForm, { type: 'edit', field: 'name', value: 'First' });
    const blank = apply(sent, { type: 'new-profile' });
    const after = apply(blank, { type: 'saved', profile: savedProfile({ name: 'First' }), sent });
    expect(after).toBe(blank);
    expect(after.profile).toBeNull();
  });

  it('after a save, shows what was saved in the same profile opened again meanwhile, unless edited', () => {
    const sent = apply(loaded, { type: 'edit', field: 'scope', value: 'edited' });
    const away = apply(sent, { type: 'load-profile', profile: savedProfile({ id: 'other-id' }) });
    // Opened again from the list, which still holds the profile as it was before the save.
    const back = apply(away, { type: 'load-profile', profile });
    const saved = savedProfile({ scope: 'edited' });
    const after = apply(back, { type: 'saved', profile: saved, sent });
    expect(after.values.scope).toBe('edited');
    expect(after.profile).toBe(saved);
    expect(hasUnsavedEdits(after)).toBe(false);
    // Edited since it was opened again: those edits stay, as they are.
    const editedAgain = apply(back, { type: 'edit', field: 'clientId', value: 'typed' });
    expect(apply(editedAgain, { type: 'saved', profile: saved, sent })).toBe(editedAgain);
  });

  it('on a delete’s answer, empties only the deleted profile’s form', () => {
    const other = apply(loaded, { type: 'load-profile', profile: savedProfile({ id: 'other-id' }) });
    const edited = apply(other, { type: 'edit', field: 'scope', value: 'mine' });
    expect(apply(edited, { type: 'deleted', id: profile.id })).toBe(edited);
    expect(apply(loaded, { type: 'deleted', id: profile.id }).profile).toBeNull();
  });
});
