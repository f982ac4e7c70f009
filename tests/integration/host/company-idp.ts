/**
 * The company's OpenID Connect provider for the team server tests: a real oidc-provider on
 * 127.0.0.1 with people whose ID tokens carry their email and a `seatwise_roles` claim. The
 * login screen is answered by signing in `nextPerson`: the test's browser only follows redirects.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const TEAM_CLIENT = { clientId: 'seatwise-team', clientSecret: 'team-3b8f0c2e7a9d41f6b5e2c8a0d4f7e1b9' };

export interface CompanyIdp {
  issuer: string;
  /** Who signs in at the next login screen: an account id of `people`. */
  nextPerson: string;
  close(): Promise<void>;
}

export async function startCompanyIdp(redirectUri: string, people: Record<string, { email: string; roles: unknown }>): Promise<CompanyIdp> {
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: TEAM_CLIENT.clientId, client_secret: TEAM_CLIENT.clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'seatwise_roles'] },
    // The claims go in the ID token itself, as a company provider configured for Seatwise does.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['company-idp-test-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Grant: 600, Interaction: 600, Session: 600 },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: people[id]?.email, email_verified: true, name: id, seatwise_roles: people[id]?.roles }),
    }),
  });
  const idp: CompanyIdp = {
    issuer,
    nextPerson: Object.keys(people)[0]!,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
  const oidc = provider.callback();
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (!path.startsWith('/interaction/')) return oidc(req, res);
    void interaction(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(req, res, { login: { accountId: idp.nextPerson } }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = new provider.Grant({ accountId: details.session!.accountId!, clientId: details.params.client_id as string });
    const missing = details.prompt.details.missingOIDCScope as string[] | undefined;
    if (missing) grant.addOIDCScope(missing.join(' '));
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }
  return idp;
}
