import { describe, expect, it } from 'vitest';
import { networkCodeDetail } from '../../app/explanations/network-details';

describe('networkCodeDetail', () => {
  it('adds a sentence for a code it knows, and nothing for any other name', () => {
    expect(networkCodeDetail('ERR_PROXY_CLOSED')).toMatch(/closed the connection/);
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'ERR_NOT_A_CODE', '', null])
      expect(networkCodeDetail(name), String(name)).toBeNull();
  });
});
