// "Check Messaging access": one read-only Messaging call made by the main process with the token
// it holds. The window sends only the request id (and, for a custom URL, the Messaging base URL);
// the verdict and its explanation come back from the main side.
import { useEffect, useState } from 'react';
import type { AccessCheckResult } from '../../app/access-check';
import type { PresetId } from '../../app/endpoints';
import { isIpcFailure } from '../../app/ipc-contract';
import { useBridge } from '../bridge';
import { useClock } from '../clock';
import { ExplanationView } from './ExplanationView';

function RetryIn({ at }: { at: number }) {
  const clock = useClock();
  const [left, setLeft] = useState(() => Math.ceil((at - clock.now()) / 1000));
  useEffect(() => {
    const tick = () => setLeft(Math.ceil((at - clock.now()) / 1000));
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [at, clock]);
  return <p role="timer">{left > 0 ? `Try again in ${left} s` : 'Try again now'}</p>;
}

export function AccessCheck({ requestId, preset }: { requestId: string; preset: PresetId | undefined }) {
  const api = useBridge();
  const [url, setUrl] = useState('https://products.api.telstra.com/messaging/v3');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AccessCheckResult | string | null>(null);
  // v2: the token's explanation says why there is no check (the main side adds it).
  if (preset === 'v2') return null;
  const check = async () => {
    setBusy(true);
    const answer = await api.checkMessagingAccess(
      preset === 'custom' ? { requestId, messagingUrl: url } : { requestId },
    );
    setBusy(false);
    setResult(isIpcFailure(answer) ? answer.message : answer);
  };
  return (
    <section className="access" aria-label="Messaging access">
      {preset === 'custom' ? (
        <label>
          Messaging API URL <input value={url} onChange={(event) => setUrl(event.target.value)} />
        </label>
      ) : null}
      <button type="button" aria-disabled={busy} onClick={busy ? undefined : () => void check()}>
        Check Messaging access
      </button>
      {busy ? (
        <button type="button" onClick={() => void api.cancelRequest({ requestId })}>
          Cancel
        </button>
      ) : null}
      {typeof result === 'string' ? <p role="alert">{result}</p> : null}
      {result !== null && typeof result === 'object' ? (
        <div className={`outcome--${result.explanation.tone}`}>
          <h3>{result.explanation.title}</h3>
          {result.retryAt !== null ? <RetryIn at={result.retryAt} /> : null}
          <ExplanationView explanation={result.explanation} details={result.explanation.details} />
        </div>
      ) : null}
    </section>
  );
}
