import { useId, useState } from 'react';
import type { AccessCheckResult } from '../../app/access-check';
import type { TokenSuccess } from '../../app/token-result';
import { AccessCheck } from './AccessCheck';
import { CopyActions } from './CopyActions';
import { ExpiryCountdown } from './ExpiryCountdown';
import { ExplanationView } from './ExplanationView';
import { RawResponse } from './RawResponse';

// Made at each use: a format made once keeps the time zone of its making, after the computer's
// moves (travel, a zone corrected), and says its times in that zone with nothing to show it.
const localTime = (at: number) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * `access`: given for a batch run's row only (../batch/BatchResults.tsx), a check already made of
 * this token (shown as if just made) or null.
 */
export function SuccessView({ result, access }: { result: TokenSuccess; access?: AccessCheckResult | null }) {
  const [revealed, setRevealed] = useState(false);
  const { explanation } = result;
  // One result's ids: a batch row's opened result is drawn beside the main one.
  const id = useId();
  return (
    <article className="outcome outcome--success" aria-labelledby={`${id}t`}>
      <header className="outcome__head">
        <h2 id={`${id}t`}>{explanation.title}</h2>
        <span className="badge badge--success">
          HTTP {result.status} {result.statusText}
        </span>
        <span className="duration">{Math.round(result.durationMs)} ms</span>
      </header>
      {result.expiresAt !== null ? (
        <ExpiryCountdown expiresAt={result.expiresAt} />
      ) : (
        <p className="countdown">Expiry unknown</p>
      )}
      <div className="token">
        <span className="token__label" id={`${id}l`}>
          Access token
        </span>
        <code className="token__value" aria-labelledby={`${id}l`} data-masked={!revealed}>
          {revealed ? result.accessToken : '•'.repeat(Math.min(result.accessToken.length, 32))}
        </code>
        <div className="token__actions">
          <button type="button" aria-pressed={revealed} onClick={() => setRevealed((shown) => !shown)}>
            {revealed ? 'Hide token' : 'Show token'}
          </button>
        </div>
        <CopyActions requestId={result.requestId} withToken />
      </div>
      <dl className="facts">
        <dt>Token type</dt>
        <dd>{result.tokenType ?? 'not given'}</dd>
        <dt>Scope</dt>
        <dd>{result.scope ?? 'not given'}</dd>
        <dt>Issued</dt>
        <dd>{localTime(result.receivedAt)}</dd>
        <dt>Expires</dt>
        <dd>{result.expiresAt === null ? 'unknown' : localTime(result.expiresAt)}</dd>
        <dt>Token URL</dt>
        <dd className="url">{result.tokenUrl}</dd>
      </dl>
      <ExplanationView explanation={explanation} details={explanation.details} />
      <AccessCheck result={result} made={access} />
      <RawResponse
        status={result.status}
        statusText={result.statusText}
        headers={result.headers}
        body="(body holds the token shown above)"
      />
    </article>
  );
}
