// A request cancelled while its secret was read (main/handlers/token-handlers.ts) answers without
// the token service, which redacts a secret written into the URL as typed: so must its answer.
import { describe, expect, it } from 'vitest';
import { cancelledUnsent } from '../../main/token/token-failure';

describe('a request cancelled before it was sent', () => {
  it('shows its URL without the secret written into it', () => {
    const secret = 'typed-secret-4821';
    for (const tokenUrl of [
      `https://auth.example/v2/oauth/token?key=${secret}`,
      `https://auth.example/v2/oauth/token/${encodeURIComponent(secret)}`,
    ]) {
      const result = cancelledUnsent({ requestId: 'r1', tokenUrl }, secret, 0);
      expect(result.kind).toBe('cancelled');
      expect(JSON.stringify(result)).not.toContain('4821');
      expect(result.tokenUrl).toContain('https://auth.example/v2/oauth/token');
    }
  });

  it('keeps a URL holding no secret as it is', () => {
    const tokenUrl = 'https://auth.example/v2/oauth/token';
    expect(cancelledUnsent({ requestId: 'r1', tokenUrl }, 'typed-secret-4821', 0).tokenUrl).toBe(tokenUrl);
  });
});
