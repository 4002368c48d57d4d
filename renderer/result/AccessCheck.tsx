// "Check Messaging access": one read-only Messaging call made by the main process with the token
// it holds. The window sends only the request id (and, for a custom URL, the Messaging base URL);
// the verdict and its explanation come back from the main side.
import { useRef, useState } from 'react';
import type { AccessCheckResult } from '../../app/access-check';
import type { TokenSuccess } from '../../app/token-result';
import { isIpcFailure } from '../../app/ipc-contract';
import { useBridge } from '../bridge';
import { useFocusHandoff } from '../hooks/useFocusHandoff';
import { ExplanationView } from './ExplanationView';
import { useSecondsLeft } from './ExpiryCountdown';

function RetryIn({ at }: { at: number }) {
  const left = useSecondsLeft(at);
  return <p role="timer">{left > 0 ? `Try again in ${left} s` : 'Try again now'}</p>;
}

/**
 * The Messaging URL last typed, by token URL: kept for the next token from the same place (a
 * gateway's own URL, typed once), and never offered for another's token, which it would be sent to.
 * (The main side checks the URL each time.)
 */
const typedUrls: Record<string, string> = {};

export function AccessCheck({
  result: { requestId, preset, tokenUrl },
  made,
}: {
  /** The token's request, preset and token URL (the Messaging URL typed is kept by the last). */
  result: Pick<TokenSuccess, 'requestId' | 'preset' | 'tokenUrl'>;
  /**
   * Given for a batch run's row only: a check of this token already made (its verdict shown from
   * the start) or null.
   */
  made?: AccessCheckResult | null;
}) {
  const api = useBridge();
  const [url, setUrl] = useState(typedUrls[tokenUrl] || 'https://products.api.telstra.com/messaging/v3');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AccessCheckResult | string | null>(made ?? null);
  const start = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // Cancel pressed from the keyboard goes away with the check: focus comes back to the button.
  useFocusHandoff(busy, start, cancel);
  // v2: the token's explanation says why there is no check (the main side adds it).
  if (preset === 'v2') return null;
  const check = async () => {
    setBusy(true);
    // A call that could not be made at all (the main side gone) ends the check all the same.
    const answer = await api
      .checkMessagingAccess(preset === 'custom' ? { requestId, messagingUrl: url } : { requestId })
      .catch(() => UNREACHABLE);
    setBusy(false);
    setResult(typeof answer === 'string' ? answer : isIpcFailure(answer) ? answer.message : answer);
  };
  const verdict = result !== null && typeof result === 'object' ? result : null;
  return (
    // A landmark in the result only: in a batch row's result (itself one, "Result for …") it is a
    // group, so no two landmarks have the same name.
    <section className="access" aria-label="Messaging access" role={made === undefined ? undefined : 'group'}>
      {/* The verdict read out in a word, each time it comes (emptied while a check runs), first: placed
          inside the section's box (styles.css, .access), where it moves nothing. */}
      <p className="sr-only" role="status">
        {busy ? 'Checking Messaging access…' : (verdict?.explanation.title ?? '')}
      </p>
      {preset === 'custom' ? (
        <label>
          {'Messaging API URL '}
          <input value={url} onChange={(event) => setUrl((typedUrls[tokenUrl] = event.target.value))} />
        </label>
      ) : null}
      <button ref={start} type="button" aria-disabled={busy} onClick={busy ? undefined : () => void check()}>
        Check Messaging access
      </button>
      {busy ? (
        <button
          ref={cancel}
          type="button"
          onClick={() => void api.cancelRequest({ requestId }).catch(() => undefined)}
        >
          Cancel
        </button>
      ) : null}
      {typeof result === 'string' ? <p role="alert">{result}</p> : null}
      {verdict ? (
        <div className={`outcome--${verdict.explanation.tone}`}>
          <h3>{verdict.explanation.title}</h3>
          {verdict.retryAt !== null ? <RetryIn at={verdict.retryAt} /> : null}
          <ExplanationView explanation={verdict.explanation} details={verdict.explanation.details} />
        </div>
      ) : null}
    </section>
  );
}

const UNREACHABLE =
  'The check could not be made: the app’s main process did not answer. Try again, or restart the app.';
