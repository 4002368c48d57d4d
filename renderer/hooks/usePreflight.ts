// Pre-flight findings for the form, live as the user types. The rules (app/preflight.ts) run in
// the main process, which keeps the window's bundle small; answers that arrive late are dropped.
import { useEffect, useRef, useState } from 'react';
import { isIpcFailure } from '../../app/ipc-contract';
import type { Finding, PreflightInput } from '../../app/preflight';
import { useBridge } from '../bridge';

export function usePreflight(input: PreflightInput): readonly Finding[] {
  const api = useBridge();
  const [findings, setFindings] = useState<readonly Finding[]>([]);
  const asked = useRef(0);
  const { preset, tokenUrl, clientId, clientSecret, grantType, scope } = input;

  useEffect(() => {
    const ticket = (asked.current += 1);
    void api
      .checkForm({ preset, tokenUrl, clientId, clientSecret, grantType, scope })
      .then((answer) => {
        if (ticket === asked.current && !isIpcFailure(answer)) setFindings(answer.findings);
      })
      .catch(() => undefined);
  }, [api, preset, tokenUrl, clientId, clientSecret, grantType, scope]);

  return findings;
}
