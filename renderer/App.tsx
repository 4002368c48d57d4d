import { useCallback, useEffect, useReducer } from 'react';
import { useClock } from './clock';
import { formReducer, initialForm } from './form/form-state';
import { RequestForm, SUBMIT_SHORTCUT } from './form/RequestForm';
import { SandboxPanel } from './form/SandboxPanel';
import { useSandboxInfo } from './hooks/useSandboxInfo';
import { useTokenRequest } from './hooks/useTokenRequest';
import { ResultPanel } from './result/ResultPanel';

export function App() {
  const clock = useClock();
  const [values, dispatch] = useReducer(formReducer, initialForm);
  const sandbox = useSandboxInfo(values.preset === 'sandbox');
  const sandboxUrl = sandbox.status === 'ready' ? sandbox.info.tokenUrl : null;
  const now = useCallback(() => clock.now(), [clock]);
  const { state, start, cancel } = useTokenRequest(now);
  const pending = state.phase === 'pending';

  useEffect(() => {
    if (sandboxUrl !== null) dispatch({ type: 'sandbox-started', tokenUrl: sandboxUrl });
  }, [sandboxUrl]);

  const submit = useCallback(() => void start(values), [start, values]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
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
  }, [submit, cancel, pending]);

  return (
    <div className="app">
      <header className="app__bar">
        <h1>Telstra Token Tester</h1>
        <p>Check Messaging API credentials against the OAuth token endpoint.</p>
      </header>
      <main className="app__panes">
        <div className="pane pane--form">
          <RequestForm
            values={values}
            dispatch={dispatch}
            sandboxUrl={sandboxUrl}
            pending={pending}
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
    </div>
  );
}
