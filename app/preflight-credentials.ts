// Pre-flight rules for what identifies the client: the client ID, the secret and the grant type.
import { DEFAULT_GRANT_TYPE } from './endpoints';
import { insideQuotes, kindsIn, looksLikePlaceholder, trimEdges } from './preflight-characters';
import { essence, fix, located, pasteDamage, sentence, SEVERE, type Check } from './preflight-draft';
import { FIX_LABELS } from './preflight-messages';

export function credentialChecks(field: 'clientId' | 'clientSecret'): Check {
  return (value, input) => {
    const core = trimEdges(value);
    if (core === '') {
      return [{ id: 'empty', severity: SEVERE, message: sentence(field, value === '' ? 'empty' : 'blank') }];
    }
    const drafts = pasteDamage(field, value, SEVERE);
    const inner = insideQuotes(core);
    const kinds = kindsIn(inner);
    if (kinds.has('line-break')) {
      drafts.push({
        id: 'line-break',
        severity: SEVERE,
        message: sentence(field, 'lineBreak', located(value, ['line-break'])),
      });
    }
    if (kinds.has('space')) {
      drafts.push({
        id: 'inner-whitespace',
        severity: SEVERE,
        message: sentence(field, 'innerSpace', located(value, ['space'])),
      });
    }
    if (kinds.has('other')) {
      drafts.push({
        id: 'non-ascii',
        severity: SEVERE,
        message: sentence(field, 'nonAscii', located(value, ['other'])),
      });
    }
    if (looksLikePlaceholder(essence(value))) {
      drafts.push({ id: 'placeholder', severity: SEVERE, message: sentence(field, 'placeholder') });
    }
    if (field === 'clientSecret' && essence(value) !== '' && essence(value) === essence(input.clientId)) {
      drafts.push({ id: 'id-equals-secret', severity: SEVERE, message: sentence(field, 'idEqualsSecret') });
    }
    return drafts;
  };
}

export const grantTypeChecks: Check = (value) => {
  const drafts = trimEdges(value) === '' ? [] : pasteDamage('grantType', value, SEVERE);
  if (essence(value) !== DEFAULT_GRANT_TYPE) {
    drafts.push({
      id: 'grant-type',
      severity: SEVERE,
      // The typed value is not echoed: a secret pasted into the wrong field must not show up here.
      message:
        'The grant type is not client_credentials, the only one Telstra accepts; anything else is refused with 400 unsupported_grant_type.',
      fix: fix(FIX_LABELS.grantType, DEFAULT_GRANT_TYPE),
    });
  }
  return drafts;
};
