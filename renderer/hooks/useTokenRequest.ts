// Request state for the result pane: one request at a time, results matched by request id so a
// late answer never lands under a newer request.
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { IpcFailure, TokenRequestInput } from '../../app/ipc-contract';
import { isIpcFailure } from '../../app/ipc-contract';
import type { SpokenTokenResult } from '../../app/token-result';
import { brokenBridge, useBridge } from '../bridge';

export type Answer = SpokenTokenResult | IpcFailure;

export type RequestState =
  | { readonly phase: 'idle' }
  | {
      readonly phase: 'pending';
      readonly requestId: string;
      /** performance.now() when sent: what it has waited is not the wall clock's to say. */
      readonly startedAt: number;
      readonly tokenUrl: string;
      readonly profileName: string | null;
    }
  | {
      readonly phase: 'done';
      /** The press it answers: a new press's answer is shown afresh even when it reads the same. */
      readonly requestId: string;
      readonly answer: Answer;
      readonly profileName: string | null;
    };

/**
 * A request that answers sooner than this (most do) changes nothing on screen until its answer
 * replaces the last one: no "Requesting…" line and no disabled button that would flash for a few
 * milliseconds, and no extra frame for the browser to draw while the answer is on its way (npm run
 * bench, click to result). A second press meanwhile does nothing, and Escape cancels, as while the
 * progress is shown. Well under the tenth of a second a press takes to feel answered.
 */
export const PENDING_SHOWN_AFTER_MS = 100;

export function newRequestId(): string {
  return crypto.randomUUID();
}

export function useTokenRequest(onSettled?: (answer: Answer) => void) {
  const api = useBridge();
  const [state, setState] = useState<RequestState>({ phase: 'idle' });
  const current = useRef<string | null>(null);
  const settled = useRef(onSettled);
  useEffect(() => {
    settled.current = onSettled;
  }, [onSettled]);

  const start = useCallback(
    /** `profileName`: the saved profile the request was made with, shown with its result. */
    async (values: Omit<TokenRequestInput, 'requestId'>, profileName: string | null = null) => {
      if (current.current !== null) return; // a second press while one is running does nothing
      const requestId = newRequestId();
      current.current = requestId;
      const startedAt = performance.now();
      // Sent before the pending view is rendered, not after: the request is on its way while
      // React works, instead of waiting for it (npm run bench, click to result).
      let answered: Promise<Answer>;
      try {
        answered = api.requestToken({ ...values, requestId });
      } catch {
        answered = Promise.resolve(brokenBridge);
      }
      const showPending = setTimeout(() => {
        if (current.current !== requestId) return;
        setState({ phase: 'pending', requestId, startedAt, tokenUrl: values.tokenUrl, profileName });
      }, PENDING_SHOWN_AFTER_MS);
      let answer: Answer;
      try {
        answer = await answered;
      } catch {
        answer = brokenBridge;
      }
      clearTimeout(showPending);
      if (current.current !== requestId) return;
      current.current = null;
      const shown = isIpcFailure(answer) || answer.requestId === requestId ? answer : brokenBridge;
      // The answer is what the user is waiting for: show it now rather than in a later task.
      flushSync(() => setState({ phase: 'done', requestId, answer: shown, profileName }));
      settled.current?.(shown);
    },
    [api],
  );

  const cancel = useCallback(() => {
    const requestId = current.current;
    if (requestId !== null) void api.cancelRequest({ requestId }).catch(() => undefined);
  }, [api]);

  /** Whether a request is on its way, shown as pending yet or not (Escape's business). */
  const running = useCallback(() => current.current !== null, []);

  return { state, start, cancel, running };
}
