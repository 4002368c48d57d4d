import type { SandboxState } from '../hooks/useSandboxInfo';

export interface SandboxPanelProps {
  sandbox: SandboxState;
  onUse: (clientId: string, clientSecret: string) => void;
}

/** Where a user looks for the sandbox's credentials: right under the form, when it is chosen. */
export function SandboxPanel({ sandbox, onUse }: SandboxPanelProps) {
  if (sandbox.status === 'off') return null;
  if (sandbox.status === 'starting') {
    return (
      <section className="sandbox" aria-label="Sandbox credentials">
        <p role="status">Starting the sandbox…</p>
      </section>
    );
  }
  if (sandbox.status === 'failed') {
    return (
      <section className="sandbox" aria-label="Sandbox credentials">
        <p role="alert">The sandbox could not start: {sandbox.message}</p>
      </section>
    );
  }
  const { info } = sandbox;
  return (
    <section className="sandbox" aria-label="Sandbox credentials">
      <h2>Sandbox credentials</h2>
      <p>
        The sandbox runs on this computer and answers like Telstra’s token endpoint. Client ID{' '}
        <code>{info.clientId}</code>, client secret <code>{info.clientSecret}</code>.
      </p>
      <button type="button" onClick={() => onUse(info.clientId, info.clientSecret)}>
        Use sandbox credentials
      </button>
      <details>
        <summary>Client IDs that show other answers</summary>
        <p>
          Any secret works with these client IDs. Any other client ID, or a wrong secret with the one above,
          answers <code>invalid_client</code>, to practise with its checklist.
        </p>
        <ul className="scenarios">
          {info.scenarios.map((scenario) => (
            <li key={scenario.clientId}>
              <button
                type="button"
                className="link"
                onClick={() => onUse(scenario.clientId, info.clientSecret)}
              >
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
