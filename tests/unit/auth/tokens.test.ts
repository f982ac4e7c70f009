/** How vendor token responses become a TokenSet, and what of them is kept outside the secrets. */
import type * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { checkCallback, sameState } from '../../../main/auth/loopback.js';
import { resultPage } from '../../../main/auth/result-page.js';
import { describeTokens, expiresWithin, tokenSetFromResponse } from '../../../main/auth/tokens.js';
import { redact } from '../../../main/vault/redact.js';

const now = new Date('2025-03-01T10:00:00.000Z');
const response = (body: Record<string, unknown>) => body as unknown as oauth.TokenEndpointResponse;

describe('tokenSetFromResponse', () => {
  it('Asana: expiry from expires_in, the signed-in user from data', () => {
    const tokens = tokenSetFromResponse(
      response({
        access_token: 'asana-access-000111222',
        refresh_token: 'asana-refresh-000111222',
        token_type: 'bearer',
        expires_in: 3600,
        data: { gid: '1201', name: 'Ada Admin', email: 'ada@acme.test' },
      }),
      now,
    );
    expect(tokens).toMatchObject({
      accessToken: 'asana-access-000111222',
      refreshToken: 'asana-refresh-000111222',
      expiresAt: '2025-03-01T11:00:00.000Z',
      connectedAs: { id: '1201', name: 'Ada Admin', email: 'ada@acme.test' },
    });
    expect(tokens.raw).toEqual({ expires_in: 3600, data: { gid: '1201', name: 'Ada Admin', email: 'ada@acme.test' } });
  });

  it('Salesforce: instance_url, no expiry, and no signature or token in raw', () => {
    const tokens = tokenSetFromResponse(
      response({
        access_token: '00Dxx0000000001!AQ0AQsalesforce',
        refresh_token: '5Aep861salesforce-refresh',
        instance_url: 'https://acme.my.salesforce.com',
        id: 'https://login.salesforce.com/id/00Dxx0000000001/005xx0000000001',
        token_type: 'bearer',
        issued_at: '1740823200000',
        signature: 'c2lnbmF0dXJlLW9mLXRoZS1pZA==',
        scope: 'api refresh_token',
      }),
      now,
    );
    expect(tokens.expiresAt).toBeUndefined();
    expect(tokens.instanceUrl).toBe('https://acme.my.salesforce.com');
    expect(tokens.scope).toBe('api refresh_token');
    expect(Object.keys(tokens.raw ?? {}).sort()).toEqual(['id', 'instance_url', 'issued_at', 'scope']);
    expect(expiresWithin(tokens, 60_000, now)).toBe(false);
  });

  it('a refresh without a new refresh token keeps the old one and the rest of what it knew', () => {
    const previous = tokenSetFromResponse(
      response({ access_token: 'old-access-0000000', refresh_token: 'kept-refresh-0000000', token_type: 'bearer', instance_url: 'https://x.my.salesforce.com' }),
      now,
    );
    const next = tokenSetFromResponse(response({ access_token: 'new-access-0000000', token_type: 'bearer' }), now, previous);
    expect(next).toMatchObject({ accessToken: 'new-access-0000000', refreshToken: 'kept-refresh-0000000', instanceUrl: 'https://x.my.salesforce.com' });
  });

  it('remembers every token it sees, so redact() hides them; describeTokens shows no token', () => {
    const tokens = tokenSetFromResponse(response({ access_token: 'remember-me-access-42', refresh_token: 'remember-me-refresh-42', token_type: 'bearer', expires_in: 60 }), now);
    expect(redact('vendor said remember-me-access-42 and remember-me-refresh-42')).toBe('vendor said [redacted] and [redacted]');
    expect(JSON.stringify(describeTokens(tokens))).not.toMatch(/remember-me/);
    expect(expiresWithin(tokens, 60_000, now)).toBe(true);
  });
});

describe('the loopback answer', () => {
  it('compares state in constant time, any length', () => {
    expect(sameState('abc', 'abc')).toBe(true);
    expect(sameState('abc', 'abd')).toBe(false);
    expect(sameState('abc', 'abcd')).toBe(false);
    expect(sameState('abc', null)).toBe(false);
  });

  it('checks state before anything else, then the error, then the code', () => {
    const params = (q: string) => new URLSearchParams(q);
    expect(checkCallback(params('state=x&error=access_denied'), 's')?.code).toBe('state_mismatch');
    expect(checkCallback(params('state=s&error=access_denied&error_description=No+thanks'), 's')?.message).toContain('No thanks');
    expect(checkCallback(params('state=s&error=invalid_scope'), 's')?.code).toBe('authorization_failed');
    expect(checkCallback(params('state=s'), 's')?.code).toBe('authorization_failed');
    expect(checkCallback(params('state=s&code=abc'), 's')).toBeUndefined();
  });

  it('escapes the vendor\'s words in the page', () => {
    const html = resultPage('<script>alert(1)</script> declined');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(resultPage()).toContain('You can close this tab and go back to Seatwise');
  });
});
