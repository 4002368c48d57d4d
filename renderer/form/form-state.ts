// The request form as a reducer: which endpoint preset is chosen and what each field holds.
import { DEFAULT_GRANT_TYPE, DEFAULT_PRESET, PRESETS, type PresetId } from '../../app/endpoints';
import type { TokenRequestInput } from '../../app/ipc-contract';

export type FormValues = Omit<TokenRequestInput, 'requestId'>;
export type TextField = Exclude<keyof FormValues, 'preset'>;

export const initialForm: FormValues = {
  preset: DEFAULT_PRESET,
  tokenUrl: PRESETS[DEFAULT_PRESET].tokenUrl ?? '',
  clientId: '',
  clientSecret: '',
  grantType: DEFAULT_GRANT_TYPE,
  scope: PRESETS[DEFAULT_PRESET].scope,
};

export type FormAction =
  | { type: 'choose-preset'; preset: PresetId; sandboxUrl: string | null }
  | { type: 'edit'; field: TextField; value: string }
  | { type: 'sandbox-started'; tokenUrl: string }
  | { type: 'fill-credentials'; clientId: string; clientSecret: string };

export function formReducer(state: FormValues, action: FormAction): FormValues {
  switch (action.type) {
    case 'choose-preset': {
      const preset = PRESETS[action.preset];
      const tokenUrl =
        action.preset === 'sandbox' ? (action.sandboxUrl ?? '') : (preset.tokenUrl ?? state.tokenUrl);
      // A custom endpoint keeps whatever scope the user had; presets bring their own.
      const scope = action.preset === 'custom' ? state.scope : preset.scope;
      return { ...state, preset: action.preset, tokenUrl, scope };
    }
    case 'edit': {
      const next = { ...state, [action.field]: action.value };
      // Typing a URL of one's own makes the endpoint custom; the preset's URL stays recognisable.
      if (action.field === 'tokenUrl' && state.preset !== 'custom' && action.value !== state.tokenUrl) {
        next.preset = 'custom';
      }
      return next;
    }
    case 'sandbox-started':
      return state.preset === 'sandbox' ? { ...state, tokenUrl: action.tokenUrl } : state;
    case 'fill-credentials':
      return { ...state, clientId: action.clientId, clientSecret: action.clientSecret };
  }
}
