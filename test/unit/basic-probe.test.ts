// "Try HTTP Basic authentication": what the two attempts together say, and what they cannot.
import { describe, expect, it } from 'vitest';
import { basicProbeSummary, probeVerdict } from '../../app/basic-probe';
import type { TokenRequestInput } from '../../app/ipc-contract';
import { failure, success } from '../support/fake-bridge';

const input = {
  requestId: 'r1',
  preset: 'custom',
  tokenUrl: 'https://example.test/oauth/token',
  clientId: 'id',
  secret: { source: 'typed', value: 'secret' },
  grantType: 'client_credentials',
  scope: '',
  profileId: null,
} as TokenRequestInput;
const refused = failure(input, { outcome: 'oauth:invalid_client', status: 401, error: 'invalid_client' });

describe('the HTTP Basic probe’s summary', () => {
  it('concludes the values are wrong only when both ways were refused as credentials', () => {
    expect(basicProbeSummary(refused, refused)).toMatch(/refused both ways/);
  });

  it('draws no conclusion on the values from a server that does not take HTTP Basic (a new user’s finding)', () => {
    const notTaken = failure(input, {
      outcome: 'oauth:invalid_request',
      status: 400,
      error: 'invalid_request',
    });
    const summary = basicProbeSummary(refused, notTaken);
    expect(summary).toMatch(/did not take HTTP Basic at all/);
    expect(summary).not.toMatch(/refused both ways/);
  });

  it('draws none from an attempt that got no answer', () => {
    const none = failure(input, {
      outcome: 'network:refused',
      kind: 'network',
      status: null,
      statusText: null,
      networkCode: 'ECONNREFUSED',
    });
    expect(basicProbeSummary(refused, none)).toMatch(/got no complete answer/);
  });

  it('draws none from an attempt stopped while its body arrived, and calls it no refusal', () => {
    for (const kind of ['timeout', 'cancelled'] as const) {
      const stopped = failure(input, { outcome: kind, kind, status: 401, statusText: 'Unauthorized' });
      expect(basicProbeSummary(refused, stopped)).toMatch(/got no complete answer/);
      expect(probeVerdict(stopped)).toMatch(/^no complete answer \(HTTP 401, its body still arriving/);
    }
  });

  it('draws none from a form-body attempt stopped while its body arrived (a cancelled 401)', () => {
    for (const kind of ['timeout', 'cancelled'] as const) {
      const stopped = failure(input, { outcome: kind, kind, status: 401, statusText: 'Unauthorized' });
      for (const basic of [refused, success(input, 0)]) {
        const summary = basicProbeSummary(stopped, basic);
        expect(summary).toMatch(/form-body attempt got no complete answer/);
        expect(summary).not.toMatch(/refused both ways|but not credentials in the form body/);
      }
    }
  });

  it('says when only HTTP Basic worked, and when the form body did', () => {
    expect(basicProbeSummary(refused, success(input, 0))).toMatch(/accepts HTTP Basic but not/);
    expect(basicProbeSummary(success(input, 0), refused)).toMatch(/accepted the form body/);
  });
});

describe('each attempt’s verdict', () => {
  it('names a code’s single word, and no server text that would read as another verdict', () => {
    expect(probeVerdict(refused)).toBe('rejected (HTTP 401, invalid_client)');
    const forged = failure(input, {
      outcome: 'http:401',
      status: 401,
      error: 'x), accepted (HTTP 200, token received',
    });
    expect(probeVerdict(forged)).toBe('rejected (HTTP 401, a non-standard error code)');
  });
});
