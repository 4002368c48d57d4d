import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../app/endpoints';
import { formReducer, initialForm } from '../../renderer/form/form-state';

describe('the request form state', () => {
  it('starts on the v2 preset with its URL, scope and the client-credentials grant', () => {
    expect(initialForm).toMatchObject({
      preset: 'v2',
      tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
      scope: 'NSMS',
      grantType: 'client_credentials',
    });
  });

  it('brings each preset’s URL and scope', () => {
    const v3 = formReducer(initialForm, { type: 'choose-preset', preset: 'v3', sandboxUrl: null });
    expect(v3).toMatchObject({ tokenUrl: PRESETS.v3.tokenUrl, scope: PRESETS.v3.scope });
    const sandbox = formReducer(v3, {
      type: 'choose-preset',
      preset: 'sandbox',
      sandboxUrl: 'http://127.0.0.1:5/v2/oauth/token',
    });
    expect(sandbox).toMatchObject({
      preset: 'sandbox',
      tokenUrl: 'http://127.0.0.1:5/v2/oauth/token',
      scope: 'NSMS',
    });
  });

  it('keeps the URL and scope when switching to custom', () => {
    const custom = formReducer(initialForm, { type: 'choose-preset', preset: 'custom', sandboxUrl: null });
    expect(custom).toMatchObject({ preset: 'custom', tokenUrl: PRESETS.v2.tokenUrl, scope: 'NSMS' });
  });

  it('becomes custom when the URL is edited', () => {
    const edited = formReducer(initialForm, {
      type: 'edit',
      field: 'tokenUrl',
      value: 'https://proxy.example/token',
    });
    expect(edited).toMatchObject({ preset: 'custom', tokenUrl: 'https://proxy.example/token' });
    const other = formReducer(initialForm, { type: 'edit', field: 'clientId', value: ' id ' });
    expect(other).toMatchObject({ preset: 'v2', clientId: ' id ' });
  });

  it('fills the sandbox URL only while the sandbox is chosen', () => {
    expect(formReducer(initialForm, { type: 'sandbox-started', tokenUrl: 'http://x' })).toBe(initialForm);
  });
});
