// Starts the built-in sandbox (in the main process) the first time it is needed and keeps its
// address and credentials for display.
import { useEffect, useRef, useState } from 'react';
import { isIpcFailure } from '../../app/ipc-contract';
import type { SandboxInfo } from '../../app/sandbox';
import { useBridge } from '../bridge';

export type SandboxState =
  | { readonly status: 'off' }
  | { readonly status: 'starting' }
  | { readonly status: 'ready'; readonly info: SandboxInfo }
  | { readonly status: 'failed'; readonly message: string };

export function useSandboxInfo(wanted: boolean): SandboxState {
  const api = useBridge();
  const [state, setState] = useState<SandboxState>({ status: 'off' });
  const asked = useRef(false);

  useEffect(() => {
    if (!wanted || asked.current) return;
    asked.current = true;
    setState({ status: 'starting' });
    api
      .getSandboxInfo()
      .then((answer) => {
        if (isIpcFailure(answer)) {
          asked.current = false; // choosing the sandbox again retries
          setState({ status: 'failed', message: answer.message });
        } else {
          setState({ status: 'ready', info: answer.sandbox });
        }
      })
      .catch(() => {
        asked.current = false;
        setState({ status: 'failed', message: 'The sandbox could not be started.' });
      });
  }, [api, wanted]);

  return state;
}
