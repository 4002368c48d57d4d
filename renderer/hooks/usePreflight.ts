// Pre-flight findings for the form, live as the user types. The rules (app/preflight.ts) run in
// the main process, which keeps the window's bundle small; answers that arrive late are dropped.
import { useEffect, useRef, useState } from 'react';
import { V2_RETIRED_NOTE } from '../../app/endpoints';
import { isIpcFailure } from '../../app/ipc-contract';
import type { Finding, PreflightInput } from '../../app/preflight';
import { useBridge } from '../bridge';
import { initialValues } from '../form/form-state';

const { name: _name, ...openingFields } = initialValues;
/** The form the window opens with, as the checks see it. */
export const OPENING_INPUT: PreflightInput = { ...openingFields, clientSecret: '' };

/**
 * What the main side answers for the opening form, less what the form does not show ("empty"):
 * drawn from the first paint, so the fields under it do not jump down when the answer arrives
 * (test/unit/preflight.test.ts holds it to app/preflight.ts).
 */
export const OPENING_FINDINGS: readonly Finding[] = [
  { id: 'v2-retired', field: 'tokenUrl', severity: 'note', message: V2_RETIRED_NOTE, fix: null },
];

const isOpening = (input: PreflightInput) =>
  (Object.keys(OPENING_INPUT) as (keyof PreflightInput)[]).every((key) => input[key] === OPENING_INPUT[key]);

export function usePreflight(input: PreflightInput): readonly Finding[] {
  const api = useBridge();
  const [findings, setFindings] = useState<readonly Finding[]>(() =>
    isOpening(input) ? OPENING_FINDINGS : [],
  );
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
