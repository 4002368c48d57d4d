// The built-in sandbox: started (in the main process) when the sandbox is chosen, its address put
// in the form, and its credentials shown. All of it is in this on-demand part, fetched when the
// sandbox is first chosen, so the window's first paint carries none of it.
import { useEffect, useState } from 'react';
import { isIpcFailure } from '../../app/ipc-contract';
import type { SandboxInfo } from '../../app/sandbox';
import { useBridge } from '../bridge';

export interface SandboxPanelProps {
  /** The form's token URL: set to the sandbox's address whenever it is not (onStarted). */
  tokenUrl: string;
  onStarted: (tokenUrl: string) => void;
  onUse: (clientId: string, clientSecret: string) => void;
}

/**
 * The sandbox's address and credentials once it runs, by bridge: choosing the sandbox again shows
 * them at once. A failure is not kept, so choosing the sandbox again tries again.
 */
const running = new WeakMap<object, SandboxInfo>();

/** Where a user looks for the sandbox's credentials: right under the form, when it is chosen. */
export function SandboxPanel({ tokenUrl, onStarted, onUse }: SandboxPanelProps) {
  const api = useBridge();
  // The sandbox's details, or why it could not start; null while it starts.
  const [sandbox, setSandbox] = useState<SandboxInfo | string | null>(() => running.get(api) ?? null);
  // The client ID last filled in: said under the button, where the press is (the fields are above,
  // out of view in a short window) and to a screen reader, which nothing else tells.
  const [filled, setFilled] = useState('');
  useEffect(() => {
    if (running.has(api)) return;
    let live = true;
    void api
      .getSandboxInfo()
      .then(
        (answer) => {
          if (isIpcFailure(answer)) return answer.message;
          running.set(api, answer.sandbox);
          return answer.sandbox;
        },
        () => 'The sandbox could not be started.',
      )
      .then((state) => live && setSandbox(state));
    return () => {
      live = false;
    };
  }, [api]);
  const url = typeof sandbox === 'object' ? sandbox?.tokenUrl : null;
  useEffect(() => {
    if (url && url !== tokenUrl) onStarted(url);
  }, [url, tokenUrl, onStarted]);
  if (sandbox === null) {
    return (
      <section className="sandbox" aria-label="Sandbox credentials">
        <p role="status">Starting the sandbox…</p>
      </section>
    );
  }
  if (typeof sandbox === 'string') {
    return (
      <section className="sandbox" aria-label="Sandbox credentials">
        <p role="alert">The sandbox could not start: {sandbox}</p>
      </section>
    );
  }
  const info = sandbox;
  const use = (clientId: string) => {
    onUse(clientId, info.clientSecret);
    setFilled(clientId);
  };
  return (
    <section className="sandbox" aria-label="Sandbox credentials">
      <h2>Sandbox credentials</h2>
      <p>
        The sandbox runs on this computer and answers like Telstra’s token endpoint. Client ID{' '}
        <code>{info.clientId}</code>, client secret <code>{info.clientSecret}</code>.
      </p>
      <button type="button" onClick={() => use(info.clientId)}>
        Use sandbox credentials
      </button>
      <p role="status">{filled && `Filled in client ID ${filled} and the sandbox’s secret.`}</p>
      <details>
        <summary>Client IDs that show other answers</summary>
        <p>
          Any secret works with these client IDs. Any other client ID, or a wrong secret with the one above,
          answers <code>invalid_client</code>, to practise with its checklist.
        </p>
        <ul className="scenarios">
          {info.scenarios.map((scenario) => (
            <li key={scenario.clientId}>
              <button type="button" className="link" onClick={() => use(scenario.clientId)}>
                {scenario.clientId}
              </button>{' '}
              <span>{scenario.description}</span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
