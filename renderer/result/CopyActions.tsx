// Copy buttons for a received token, all carried out by the main process, and a visible countdown
// to when the app clears the clipboard again.
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { formatRemaining } from '../../app/countdown';
import { isIpcFailure, type CopyReceipt, type IpcFailure } from '../../app/ipc-contract';
import { useBridge } from '../bridge';
import { useSecondsLeft } from './ExpiryCountdown';

type Copy = { label: string; run: () => Promise<CopyReceipt | IpcFailure> };

function ClearCountdown({ clearsAt, onCleared }: { clearsAt: number; onCleared: () => void }) {
  const left = useSecondsLeft(clearsAt);
  // The parent passes a new callback on every render: called for the time being up, not for that.
  const cleared = useEffectEvent(onCleared);
  useEffect(() => {
    if (left <= 0) cleared();
  }, [left]);
  return <span aria-live="off">The clipboard clears in {formatRemaining(left)}.</span>;
}

/** `withToken`: a token was received, so it (and its Authorization header) can be copied. */
export function CopyActions({ requestId, withToken }: { requestId: string; withToken: boolean }) {
  const api = useBridge();
  const [message, setMessage] = useState('');
  const [clearsAt, setClearsAt] = useState<CopyReceipt['clearsAt'] | undefined>(undefined);

  const ref = { requestId };
  const copies: Copy[] = [
    ...(withToken
      ? [
          { label: 'Copy token', run: () => api.copyToken(ref) },
          {
            label: 'Copy Authorization header',
            run: () => api.copyAuthorizationHeader(ref),
          },
        ]
      : []),
    {
      label: 'Copy as curl',
      run: () => api.copyCurl(ref),
    },
    {
      label: 'Copy diagnostic report',
      run: () => api.copyReport(ref),
    },
  ];

  const save = async () => {
    const answer = await api.saveReport(ref).catch(() => null);
    if (answer === null || isIpcFailure(answer))
      setMessage(answer?.message ?? 'The report could not be saved.');
    else if (answer.saved !== null) setMessage(`Report saved to ${answer.saved}.`);
  };

  const copy = async ({ run }: Copy) => {
    try {
      const answer = await run();
      // Both carry the sentence to show: a refusal's reason, or what was copied (from the main side).
      setMessage(answer.message);
      setClearsAt(isIpcFailure(answer) ? undefined : answer.clearsAt);
    } catch {
      setMessage('Could not copy.');
    }
  };

  const box = useRef<HTMLDivElement>(null);
  const clearButton = useRef<HTMLButtonElement>(null);
  // "Clear now" goes once the clipboard is cleared (pressed, or its time up): focus on it goes to
  // the first copy button ("Copy token"), not to the page.
  const cleared = (text: string) => {
    if (document.activeElement === clearButton.current) box.current?.querySelector('button')?.focus();
    setMessage(text);
    setClearsAt(undefined);
  };

  const clearNow = async () => {
    await api.clearClipboard().catch(() => undefined);
    cleared('Clipboard cleared.');
  };

  return (
    <div className="copy-actions" ref={box}>
      {copies.map((c) => (
        <button type="button" key={c.label} onClick={() => void copy(c)}>
          {c.label}
        </button>
      ))}
      <button type="button" onClick={() => void save()}>
        Save report…
      </button>
      <p className="copy-note" role="status">
        <span>{message}</span>{' '}
        {typeof clearsAt === 'number' ? (
          <ClearCountdown
            clearsAt={clearsAt}
            onCleared={() =>
              cleared(
                'Time is up: the app took its copy off the clipboard (unless you copied something since).',
              )
            }
          />
        ) : null}
        {clearsAt === null ? <span>It is cleared when the app quits.</span> : null}
        {clearsAt !== undefined ? (
          <button ref={clearButton} type="button" className="link" onClick={() => void clearNow()}>
            Clear now
          </button>
        ) : null}
      </p>
    </div>
  );
}
