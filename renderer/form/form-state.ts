// The request form as a reducer: the endpoint and fields, the typed secret, and which saved
// profile (if any) the form came from — so unsaved edits can be shown and a stored secret used.
import { DEFAULT_GRANT_TYPE, DEFAULT_PRESET, PRESETS, type PresetId } from '../../app/endpoints';
import type { SecretSource } from '../../app/ipc-contract';
import type { ProfileFields, ProfileSummary } from '../../app/profiles';

export type FormValues = ProfileFields;
export type TextField = Exclude<keyof FormValues, 'preset'>;

export interface FormState {
  readonly values: FormValues;
  /** What is typed in the secret field. */
  readonly secret: string;
  /** The saved profile the form shows, if any. */
  readonly profile: ProfileSummary | null;
  /** The stored secret, once the user has pressed "Reveal secret". */
  readonly revealed: string | null;
  /**
   * New each time a profile or a new form is opened: an answer for the form as it was (a save)
   * is told from one for a form opened since, even of the same profile or of a new one again.
   */
  readonly opened?: object;
}

export const initialValues: FormValues = {
  name: '',
  preset: DEFAULT_PRESET,
  tokenUrl: PRESETS[DEFAULT_PRESET].tokenUrl ?? '',
  clientId: '',
  grantType: DEFAULT_GRANT_TYPE,
  scope: PRESETS[DEFAULT_PRESET].scope,
};

export const initialForm: FormState = { values: initialValues, secret: '', profile: null, revealed: null };

export type FormAction =
  | { type: 'choose-preset'; preset: PresetId; sandboxUrl: string | null }
  | { type: 'edit'; field: TextField; value: string }
  | { type: 'edit-secret'; value: string }
  | { type: 'sandbox-started'; tokenUrl: string }
  | { type: 'fill-credentials'; clientId: string; clientSecret: string }
  | { type: 'load-profile'; profile: ProfileSummary }
  /** The save of the form as it was (`sent`) is done; the form may have changed since. */
  | { type: 'saved'; profile: ProfileSummary; sent: FormState }
  | { type: 'new-profile' }
  | { type: 'deleted'; id: string }
  /** The stored secret of profile `id`, revealed: for its form only, not one chosen meanwhile. */
  | { type: 'secret-revealed'; secret: string; id: string };

function fieldsOf(profile: ProfileSummary): FormValues {
  const { name, preset, tokenUrl, clientId, grantType, scope } = profile;
  return { name, preset, tokenUrl, clientId, grantType, scope };
}

export function formReducer(state: FormState, action: FormAction): FormState {
  const values = state.values;
  switch (action.type) {
    case 'choose-preset': {
      const preset = PRESETS[action.preset];
      const tokenUrl =
        action.preset === 'sandbox' ? (action.sandboxUrl ?? '') : (preset.tokenUrl ?? values.tokenUrl);
      // A custom endpoint keeps whatever scope the user had; presets bring their own.
      const scope = action.preset === 'custom' ? values.scope : preset.scope;
      return { ...state, values: { ...values, preset: action.preset, tokenUrl, scope } };
    }
    case 'edit': {
      const next = { ...values, [action.field]: action.value };
      // Typing a URL of one's own makes the endpoint custom.
      if (action.field === 'tokenUrl' && values.preset !== 'custom' && action.value !== values.tokenUrl)
        next.preset = 'custom';
      return { ...state, values: next };
    }
    case 'edit-secret':
      return { ...state, secret: action.value };
    case 'sandbox-started':
      return values.preset === 'sandbox' && values.tokenUrl !== action.tokenUrl
        ? { ...state, values: { ...values, tokenUrl: action.tokenUrl } }
        : state;
    case 'fill-credentials':
      return { ...state, values: { ...values, clientId: action.clientId }, secret: action.clientSecret };
    case 'load-profile': {
      const loaded = fieldsOf(action.profile);
      // Keep the running sandbox's address rather than the one (if any) saved with the profile.
      const tokenUrl =
        loaded.preset === 'sandbox' && values.preset === 'sandbox' ? values.tokenUrl : loaded.tokenUrl;
      return {
        values: { ...loaded, tokenUrl },
        secret: '',
        profile: action.profile,
        revealed: null,
        opened: {},
      };
    }
    case 'saved': {
      const { sent } = action;
      // A form opened meanwhile (another profile, a new form) stays as it is: not its fields under
      // the saved profile. The saved one opened again, unedited, shows what was saved.
      if (state.opened !== sent.opened)
        return state.profile?.id === action.profile.id && !hasUnsavedEdits(state)
          ? formReducer(state, { type: 'load-profile', profile: action.profile })
          : state;
      if (state.values === sent.values && state.secret === sent.secret)
        return formReducer(state, { type: 'load-profile', profile: action.profile });
      // Edits made while the save was under way are kept: they are now the unsaved changes.
      const secret = state.secret === sent.secret ? '' : state.secret;
      return { ...state, secret, profile: action.profile, revealed: null };
    }
    case 'new-profile':
      return { ...initialForm, opened: {} };
    case 'deleted':
      // Only the deleted profile's form is emptied, not one chosen while the delete was under way.
      return state.profile?.id === action.id ? formReducer(state, { type: 'new-profile' }) : state;
    case 'secret-revealed':
      return state.profile?.id === action.id
        ? { ...state, secret: action.secret, revealed: action.secret }
        : state;
  }
}

/** A new secret was typed (not just the stored one revealed). */
export function secretReplaced(state: FormState): boolean {
  return state.secret !== '' && state.secret !== state.revealed;
}

/** The saved secret will be used: the form has a profile whose secret is in the keychain. */
export function usesStoredSecret(state: FormState): boolean {
  return state.profile !== null && state.profile.secretState !== 'missing' && !secretReplaced(state);
}

export function hasUnsavedEdits(state: FormState): boolean {
  const saved = state.profile ? fieldsOf(state.profile) : initialValues;
  const current = state.values;
  const changed = (Object.keys(saved) as (keyof FormValues)[]).some((key) =>
    // The sandbox's address changes from run to run; it is not part of what a profile saves.
    key === 'tokenUrl' && saved.preset === 'sandbox' && current.preset === 'sandbox'
      ? false
      : saved[key] !== current[key],
  );
  return changed || secretReplaced(state);
}

/** What "Save to keychain" stores (the sandbox's address is found afresh each run). */
export function fieldsToSave(state: FormState): FormValues {
  return state.values.preset === 'sandbox' ? { ...state.values, tokenUrl: '' } : state.values;
}

export function secretSource(state: FormState): SecretSource {
  return usesStoredSecret(state) && state.profile
    ? { source: 'profile', profileId: state.profile.id }
    : { source: 'typed', value: state.secret };
}
