// After a 401 or invalid_client: a checklist of what to check and where — what the pre-flight
// checks found in what was sent first, then the known causes, most likely first — and, on an
// explicit click, the same request with HTTP Basic authentication to see which the server takes.
import { useState } from 'react';
import { isIpcFailure, type BasicProbe } from '../../app/ipc-contract';
import type { TokenFailure } from '../../app/token-result';
import { useBridge } from '../bridge';

function ProbeReport({ probe }: { probe: BasicProbe }) {
  return (
    <div className="probe" role="status">
      <dl className="facts">
        <dt>Form body</dt>
        <dd>{probe.verdicts.body}</dd>
        <dt>HTTP Basic</dt>
        <dd>{probe.verdicts.basic}</dd>
      </dl>
      <p>{probe.summary}</p>
    </div>
  );
}

export function InvalidClientAssistant({ result }: { result: TokenFailure }) {
  const api = useBridge();
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [probe, setProbe] = useState<BasicProbe | null>(null);
  const [probing, setProbing] = useState(false);
  const [probeError, setProbeError] = useState('');

  const found = result.findings
    .filter(
      (f) =>
        f.field === 'clientId' ||
        f.field === 'clientSecret' ||
        f.field === 'tokenUrl' ||
        f.severity === 'warning',
    )
    .map((f) => `Found in what was sent — ${f.message}`);
  const items = [...found, ...result.explanation.causes];

  const tryBasic = async () => {
    setProbing(true);
    setProbeError('');
    const answer = await api.probeBasicAuth({ requestId: result.requestId }).catch(() => null);
    setProbing(false);
    if (answer === null || isIpcFailure(answer))
      setProbeError(answer?.message ?? 'The second attempt could not be made.');
    else setProbe(answer);
  };

  return (
    <section className="assistant" aria-label="invalid_client checklist">
      <h3>Checklist: why the credentials were refused</h3>
      <ol className="checklist">
        {items.map((item) => (
          <li key={item}>
            <label>
              <input
                type="checkbox"
                checked={checked.has(item)}
                onChange={() =>
                  setChecked((current) => {
                    const next = new Set(current);
                    if (!next.delete(item)) next.add(item);
                    return next;
                  })
                }
              />
              <span>{item}</span>
            </label>
          </li>
        ))}
      </ol>
      <p className="hint">
        Telstra documents credentials in the form body. Some gateways only take them as HTTP Basic (RFC 6749
        §2.3.1):
      </p>
      <button type="button" onClick={probing ? undefined : () => void tryBasic()} aria-disabled={probing}>
        {probing ? 'Trying HTTP Basic…' : 'Try HTTP Basic authentication'}
      </button>
      {probeError ? <p role="alert">{probeError}</p> : null}
      {probe ? <ProbeReport probe={probe} /> : null}
    </section>
  );
}
