// Pre-flight checks: what is probably wrong with the form before anything is sent, live as the
// user types. Facts from shared/telstra-token-endpoint.md ("Why people get invalid_client").
// Findings never block sending: the user decides. A fix is offered only where it is certain and
// only when it is all that is wrong, so pressing it always leaves the field without findings.
import type { TokenResult } from './token-result';
import { credentialChecks, grantTypeChecks } from './preflight-credentials';
import type { Check, Draft } from './preflight-draft';
import { scopeChecks, tokenUrlChecks } from './preflight-endpoint';
import type { PresetId } from './endpoints';

export { endpointOf } from './preflight-endpoint';

/** In the order the form shows them; findings are sorted by field first. */
export const PREFLIGHT_FIELDS = ['tokenUrl', 'clientId', 'clientSecret', 'grantType', 'scope'] as const;
export type PreflightField = (typeof PREFLIGHT_FIELDS)[number];

/** Also the order of findings within one field. */
export const FINDING_IDS = [
  'empty',
  'edge-whitespace',
  'line-break',
  'inner-whitespace',
  'quotes',
  'invisible',
  'non-ascii',
  'placeholder',
  'id-equals-secret',
  'invalid-url',
  'insecure-url',
  'lookalike-host',
  'v2-retired',
  'grant-type',
  'scope-endpoint-mismatch',
  'scope-typo',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];

export interface PreflightFix {
  readonly label: string;
  /** The corrected field value. */
  readonly value: string;
}

export interface Finding {
  readonly id: FindingId;
  readonly field: PreflightField;
  readonly severity: 'warning' | 'note';
  /** Plain words; never contains the secret's value. */
  readonly message: string;
  /** Only where the fix is certain. */
  readonly fix: PreflightFix | null;
}

export interface PreflightInput {
  readonly preset: PresetId;
  readonly tokenUrl: string;
  readonly clientId: string;
  /** Null for a stored secret the window cannot see: its content is not checked. */
  readonly clientSecret: string | null;
  readonly grantType: string;
  readonly scope: string;
}

/**
 * A failed result, with what the pre-flight checks say about the request as it was sent (stored
 * secrets included), for explaining the failure; the app and the command line both add them. A
 * fix for the secret is left out: it would carry the secret itself, and a stored one must not
 * reach the window unless revealed.
 */
export function withFindings(result: TokenResult, sent: PreflightInput): TokenResult {
  if (result.ok) return result;
  const findings = preflight(sent).map((finding) =>
    finding.field === 'clientSecret' && finding.fix !== null ? { ...finding, fix: null } : finding,
  );
  return { ...result, findings };
}

export function preflight(input: PreflightInput): Finding[] {
  const findings: Finding[] = [];
  for (const field of PREFLIGHT_FIELDS) {
    const value = input[field];
    if (value === null) continue;
    const drafts = CHECKS[field](value, input).sort(byRule);
    for (const { id, severity, message, fix } of drafts) {
      const certain = fix != null && fix.value !== value && isClean(field, fix.value, input);
      findings.push({ id, field, severity, message, fix: certain ? fix : null });
    }
  }
  return findings;
}

/**
 * Findings about the endpoint rather than the typed value; a fix cannot remove them, so they do not
 * stand in its way.
 */
export const ADVISORY_FINDINGS: ReadonlySet<FindingId> = new Set(['lookalike-host', 'v2-retired']);

/** True when `value` in `field` leaves nothing a fix could be blamed for. */
function isClean(field: PreflightField, value: string, input: PreflightInput): boolean {
  return CHECKS[field](value, { ...input, [field]: value }).every((draft) => ADVISORY_FINDINGS.has(draft.id));
}

function byRule(a: Draft, b: Draft): number {
  return FINDING_IDS.indexOf(a.id) - FINDING_IDS.indexOf(b.id);
}

const CHECKS: Readonly<Record<PreflightField, Check>> = {
  tokenUrl: tokenUrlChecks,
  clientId: credentialChecks('clientId'),
  clientSecret: credentialChecks('clientSecret'),
  grantType: grantTypeChecks,
  scope: scopeChecks,
};
