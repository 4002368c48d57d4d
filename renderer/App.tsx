import { useCallback, useEffect, useReducer } from 'react';
import { KEYCHAIN_ADVICE } from '../app/keychain';
import { useClock } from './clock';
import { ConfirmDialog } from './common/ConfirmDialog';
import { formReducer, initialForm, secretSource, usesStoredSecret } from './form/form-state';
import { RequestForm, SUBMIT_SHORTCUT } from './form/RequestForm';
import { SandboxPanel } from './form/SandboxPanel';
import { useProfileEditor } from './hooks/useProfileEditor';
import { useProfiles } from './hooks/useProfiles';
import { useSandboxInfo } from './hooks/useSandboxInfo';
import { useTokenRequest } from './hooks/useTokenRequest';
import { ProfileEditor } from './profiles/ProfileEditor';
import { ProfileList } from './profiles/ProfileList';
import { ResultPanel } from './result/ResultPanel';

export function App() {
  const clock = useClock();
  const [form, dispatch] = useReducer(formReducer, initialForm);
  const { values } = form;
  const sandbox = useSandboxInfo(values.preset === 'sandbox');
  const sandboxUrl = sandbox.status === 'ready' ? sandbox.info.tokenUrl : null;
  const now = useCallback(() => clock.now(), [clock]);
  const { state, start, cancel } = useTokenRequest(now);
  const pending = state.phase === 'pending';
  const profiles = useProfiles();
  const editor = useProfileEditor(form, dispatch, profiles);
  const storedSecret = usesStoredSecret(form);

  useEffect(() => {
    if (sandboxUrl !== null && values.preset === 'sandbox' && values.tokenUrl !== sandboxUrl) {
      dispatch({ type: 'sandbox-started', tokenUrl: sandboxUrl });
    }
  }, [sandboxUrl, values.preset, values.tokenUrl]);

  const submit = useCallback(() => {
    const { name: _name, ...request } = form.values;
    void start({ ...request, secret: secretSource(form) });
  }, [start, form]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (editor.confirm) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        submit();
      } else if (event.key === 'Escape' && pending) {
        event.preventDefault();
        cancel();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [submit, cancel, pending, editor.confirm]);

  return (
    <div className="app">
      <header className="app__bar">
        <h1>Telstra Token Tester</h1>
        <p>Check Messaging API credentials against the OAuth token endpoint.</p>
      </header>
      <main className="app__panes">
        <div className="pane pane--form">
          {profiles.notices.map((notice) => (
            <div className="banner banner--warning" role="alert" key={notice}>
              <p>{notice}</p>
              <button type="button" className="quiet" onClick={() => profiles.dismissNotice(notice)}>
                Dismiss
              </button>
            </div>
          ))}
          {!profiles.keychain.available ? (
            <div className="banner banner--warning" role="alert">
              <p>
                <strong>{KEYCHAIN_ADVICE[profiles.keychain.problem ?? 'unavailable'].title}.</strong>{' '}
                {KEYCHAIN_ADVICE[profiles.keychain.problem ?? 'unavailable'].remedy}
              </p>
            </div>
          ) : null}
          <ProfileList
            profiles={profiles.profiles}
            selectedId={form.profile?.id ?? null}
            unsaved={editor.unsaved}
            onSelect={editor.select}
            onActivate={submit}
            onNew={editor.newProfile}
          />
          <ProfileEditor
            name={values.name}
            onName={(name) => dispatch({ type: 'edit', field: 'name', value: name })}
            unsaved={editor.unsaved}
            hasProfile={form.profile !== null}
            busy={editor.busy}
            onSave={() => void editor.save()}
            onDuplicate={editor.duplicate}
            onDelete={editor.askDelete}
          />
          {editor.status ? (
            <p
              className={`status status--${editor.status.tone}`}
              role={editor.status.tone === 'error' ? 'alert' : 'status'}
            >
              {editor.status.text}
            </p>
          ) : null}
          <RequestForm
            form={form}
            dispatch={dispatch}
            sandboxUrl={sandboxUrl}
            pending={pending}
            storedSecret={storedSecret}
            onReveal={storedSecret && form.revealed === null ? editor.reveal : null}
            onSubmit={submit}
            onCancel={cancel}
          />
          <SandboxPanel
            sandbox={values.preset === 'sandbox' ? sandbox : { status: 'off' }}
            onUse={(clientId, clientSecret) => dispatch({ type: 'fill-credentials', clientId, clientSecret })}
          />
        </div>
        <div className="pane pane--result">
          <ResultPanel state={state} shortcut={SUBMIT_SHORTCUT} />
        </div>
      </main>
      {editor.confirm ? <ConfirmDialog request={editor.confirm} onClose={editor.closeConfirm} /> : null}
    </div>
  );
}
