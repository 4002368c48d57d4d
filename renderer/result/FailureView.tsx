import { useId } from 'react';
import { APP_ERROR, INVALID_INPUT, NOT_CONNECTED } from '../../app/explanations/refusals';
import type { IpcFailure } from '../../app/ipc-contract';
import type { TokenFailure } from '../../app/token-result';
import { CopyActions } from './CopyActions';
import { InvalidClientAssistant } from '../deferred';
import { ExplanationView } from './ExplanationView';
import { RawResponse } from './RawResponse';

/** By the request's own field names (app/ipc-schemas.ts): a typed secret is `secret.value`. */
const FIELD_LABELS: Record<string, string> = {
  tokenUrl: 'Token URL',
  clientId: 'Client ID',
  'secret.value': 'Client secret',
  grantType: 'Grant type',
  scope: 'Scope',
  preset: 'Endpoint',
};

function Head({
  id,
  title,
  status,
  statusText,
  durationMs,
}: {
  /** The heading's id, which names the result (one per result: a batch row's opened result is another). */
  id: string;
  title: string;
  status: number | null;
  statusText: string | null;
  durationMs: number | null;
}) {
  return (
    <header className="outcome__head">
      <h2 id={id}>{title}</h2>
      <span className="badge badge--error">
        {status === null ? 'No HTTP status' : `HTTP ${status}${statusText ? ` ${statusText}` : ''}`}
      </span>
      {durationMs === null ? null : <span className="duration">{Math.round(durationMs)} ms</span>}
    </header>
  );
}

export function FailureView({ result }: { result: TokenFailure }) {
  const { explanation } = result;
  // Not for a 401 cut short by the deadline or Cancel: its body, and so its reason, never came.
  const assisted =
    result.kind === 'http' && (result.outcome === 'oauth:invalid_client' || result.status === 401);
  const id = useId();
  return (
    <article className={`outcome outcome--${explanation.tone}`} aria-labelledby={id}>
      <Head
        id={id}
        title={explanation.title}
        status={result.status}
        statusText={result.statusText}
        durationMs={result.durationMs}
      />
      {result.error !== null || result.errorDescription !== null ? (
        <dl className="facts oauth-error">
          {result.error !== null ? (
            <>
              <dt>Error code</dt>
              <dd>
                <code>{result.error}</code>
                {result.nonStandardError ? <span className="tag">non-standard</span> : null}
              </dd>
            </>
          ) : null}
          {result.errorDescription !== null ? (
            <>
              <dt>Description</dt>
              <dd>{result.errorDescription}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {/* After a 401 the checklist lists the causes, with what was found in what was sent first. */}
      <ExplanationView explanation={explanation} details={explanation.details} showCauses={!assisted} />
      {assisted ? <InvalidClientAssistant result={result} /> : null}
      <dl className="facts technical">
        <dt>Token URL</dt>
        <dd className="url">{result.tokenUrl}</dd>
        <dt>Technical detail</dt>
        <dd>{result.message}</dd>
        {result.networkCode !== null ? (
          <>
            <dt>Network code</dt>
            <dd>
              <code>{result.networkCode}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {result.kind !== 'invalid-input' && result.kind !== 'keychain' ? (
        <CopyActions requestId={result.requestId} withToken={false} />
      ) : null}
      {result.status !== null || result.bodyExcerpt !== null ? (
        <RawResponse
          status={result.status}
          statusText={result.statusText}
          headers={result.headers}
          body={result.bodyExcerpt}
        />
      ) : null}
    </article>
  );
}

/** A call the main process refused before any request was made. */
export function RefusalView({ failure }: { failure: IpcFailure }) {
  const explanation =
    failure.kind === 'invalid-input'
      ? INVALID_INPUT
      : failure.kind === 'untrusted-sender'
        ? NOT_CONNECTED
        : APP_ERROR;
  const details = failure.issues.length
    ? failure.issues.map((issue) => `${FIELD_LABELS[issue.field] ?? 'Request'}: ${issue.message}`)
    : [failure.message];
  const id = useId();
  return (
    <article className="outcome outcome--error" aria-labelledby={id}>
      <Head id={id} title={explanation.title} status={null} statusText={null} durationMs={null} />
      <ExplanationView explanation={explanation} details={details} />
    </article>
  );
}
