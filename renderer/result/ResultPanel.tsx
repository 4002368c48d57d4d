import { useEffect, useRef, useState } from 'react';
import { isIpcFailure } from '../../app/ipc-contract';
import type { RequestState } from '../hooks/useTokenRequest';
import { FailureView, RefusalView, SuccessView } from '../deferred';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

/**
 * A request that answers quickly (most do) shows a plain line, not a progress display that would
 * flash for a moment; the spinner, progress bar and elapsed time appear once it has taken this long.
 */
export const PROGRESS_DELAY_MS = 200;

/** `startedAt`: performance.now() when sent. A wall clock set back or ahead has no say in it. */
function Pending({ startedAt, tokenUrl }: { startedAt: number; tokenUrl: string }) {
  const [elapsed, setElapsed] = useState<number | null>(null);
  useEffect(() => {
    let ticking: ReturnType<typeof setInterval> | undefined;
    const tick = () => setElapsed(performance.now() - startedAt);
    const shown = setTimeout(
      () => {
        tick();
        ticking = setInterval(tick, 100);
      },
      Math.max(0, PROGRESS_DELAY_MS - (performance.now() - startedAt)),
    );
    return () => {
      clearTimeout(shown);
      clearInterval(ticking);
    };
  }, [startedAt]);
  if (elapsed === null) {
    return (
      <div className="pending">
        <p>Requesting a token…</p>
      </div>
    );
  }
  return (
    <div className="pending">
      <div className="spinner" aria-hidden="true" />
      <p>
        Waiting for {tokenUrl === '' ? 'the sandbox' : hostOf(tokenUrl)}…{' '}
        <span className="elapsed" aria-live="off">
          {(elapsed / 1000).toFixed(1)} s
        </span>
      </p>
      <progress aria-label="Request in progress" />
      <p className="hint">Press Escape or Cancel to stop.</p>
    </div>
  );
}

/**
 * What a screen reader is told of a result: one short sentence, the answer's own (app/spoken-result.ts)
 * or what the main process refused.
 */
function summary(state: RequestState): string {
  // Nothing while waiting: the answer, even the same as the last, is then news when it comes.
  if (state.phase !== 'done') return '';
  const answer = state.answer;
  return isIpcFailure(answer) ? `Not sent: ${answer.message}` : answer.spoken;
}

export function ResultPanel({ state, shortcut }: { state: RequestState; shortcut: string }) {
  const section = useRef<HTMLElement>(null);
  const top = useRef<HTMLDivElement>(null);
  // Whether the top of the result is on screen, kept by the browser as the page scrolls or
  // resizes (no layout is forced to learn it).
  // Without IntersectionObserver nothing says so: then it is brought into view every time.
  const topInView = useRef(typeof IntersectionObserver !== 'undefined');
  useEffect(() => {
    const marker = top.current;
    if (!marker || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) topInView.current = last.isIntersecting;
    });
    observer.observe(marker);
    return () => observer.disconnect();
  }, []);
  // When the result is below the form (narrow windows) or its pane is scrolled away, bring it into
  // view. Only then: scrolling forces a layout of the whole window in the middle of showing the
  // result, which costs milliseconds on every answer when the result is already in view (as in
  // the usual wide window). Focus stays where the user is typing: the result is announced in one
  // sentence (summary).
  useEffect(() => {
    if (state.phase === 'done' && !topInView.current) {
      section.current?.scrollIntoView?.({ block: 'nearest' });
    }
  }, [state]);
  return (
    <section ref={section} className="result" aria-label="Result" aria-busy={state.phase === 'pending'}>
      <div ref={top} className="result__top" aria-hidden="true" />
      <p className="sr-only" role="status">
        {summary(state)}
      </p>
      {state.phase === 'idle' ? (
        <div className="empty">
          <h2>No request yet</h2>
          <p>
            Enter a client ID and secret, then press <strong>Request token</strong> ({shortcut}). No Telstra
            keys at hand? Choose <strong>Sandbox (offline)</strong> as the endpoint.
          </p>
        </div>
      ) : null}
      {state.phase === 'pending' ? <Pending startedAt={state.startedAt} tokenUrl={state.tokenUrl} /> : null}
      {state.phase !== 'idle' && state.profileName !== null ? (
        <p className="result__for">
          Profile: <strong>{state.profileName}</strong>
        </p>
      ) : null}
      {state.phase === 'done' ? (
        isIpcFailure(state.answer) ? (
          // Keyed by the press: the same refusal again (nothing on screen between the two, when it
          // comes back quickly) is drawn and announced afresh, so the press is seen to be answered.
          <RefusalView key={state.requestId} failure={state.answer} />
        ) : state.answer.ok ? (
          <SuccessView key={state.answer.requestId} result={state.answer} />
        ) : (
          <FailureView key={state.answer.requestId} result={state.answer} />
        )
      ) : null}
    </section>
  );
}
