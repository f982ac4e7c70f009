/**
 * A real OAuth 2.0 authorization server for the auth tests: oidc-provider v9 on 127.0.0.1,
 * plain OAuth (no openid scope), PKCE S256 required, native clients with loopback redirect
 * URIs on any port, rotating refresh tokens, revocation, introspection and client credentials.
 * The login and consent screens are answered by a tiny interaction handler: the test's
 * "browser" only follows redirects.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const CONFIDENTIAL = { clientId: 'seatwise-desktop', clientSecret: 'cs-4f1d9a7e0b2c48e6a1f3d5c7b9e2a4f6' };
export const PUBLIC = { clientId: 'seatwise-public' };
export const SERVICE = { clientId: 'seatwise-service', clientSecret: 'svc-8c2e4a6f1b3d5e7a9c0b2d4f6a8e1c3b' };
export const SCOPES = ['users:read', 'organizations:read'];
export const ACCOUNT = 'admin-42';

export interface TestAuthServer {
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  provider: Provider;
  /** What the "person" does on the consent screen. */
  consent: 'approve' | 'deny';
  /** Delays every token endpoint answer (to hold an exchange open). */
  tokenDelayMs: number;
  /** Token endpoint requests seen, by grant type. */
  tokenRequests: Record<string, number>;
  /** When set, a refresh answers invalid_grant with this description (a vendor that echoes input). */
  refreshFailure?: (refreshToken: string) => string;
  /** Token introspection as the confidential client: is this token still active? */
  isActive(token: string, client?: { clientId: string; clientSecret?: string }): Promise<boolean>;
  close(): Promise<void>;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startAuthServer(): Promise<TestAuthServer> {
  const http: Server = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const nativeClient = {
    application_type: 'native',
    redirect_uris: ['http://127.0.0.1/callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: SCOPES.join(' '),
  };
  const provider = new Provider(issuer, {
    clients: [
      { ...nativeClient, client_id: CONFIDENTIAL.clientId, client_secret: CONFIDENTIAL.clientSecret, token_endpoint_auth_method: 'client_secret_post' },
      { ...nativeClient, client_id: PUBLIC.clientId, token_endpoint_auth_method: 'none' },
      {
        client_id: SERVICE.clientId,
        client_secret: SERVICE.clientSecret,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: SCOPES.join(' '),
      },
    ],
    scopes: SCOPES,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId: string }) => token.clientId === client.clientId,
      },
      introspection: { enabled: true, allowedPolicy: async () => true },
      clientCredentials: { enabled: true },
    },
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: { AccessToken: 3600, AuthorizationCode: 60, ClientCredentials: 600, Grant: 86_400, Interaction: 600, RefreshToken: 86_400, Session: 86_400 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['seatwise-test-cookie-key'] },
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  });

  const server: TestAuthServer = {
    issuer,
    authorizeUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    revokeUrl: `${issuer}/token/revocation`,
    provider,
    consent: 'approve',
    tokenDelayMs: 0,
    tokenRequests: {},
    async isActive(token, client = CONFIDENTIAL) {
      const body = new URLSearchParams({ token, client_id: client.clientId });
      if (client.clientSecret) body.set('client_secret', client.clientSecret);
      const res = await fetch(`${issuer}/token/introspection`, { method: 'POST', body });
      if (!res.ok) throw new Error(`introspection answered ${res.status}`);
      return ((await res.json()) as { active: boolean }).active;
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };

  const oidc = provider.callback();
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void route(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path.startsWith('/interaction/')) return interaction(req, res);
    if (path === '/token' && req.method === 'POST') return token(req, res);
    oidc(req, res);
  }

  /** Inspects (and, for some tests, delays or fails) a token request, then hands it to oidc-provider. */
  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const grant = form.get('grant_type') ?? 'unknown';
    server.tokenRequests[grant] = (server.tokenRequests[grant] ?? 0) + 1;
    if (server.tokenDelayMs) await new Promise((r) => setTimeout(r, server.tokenDelayMs));
    if (grant === 'refresh_token' && server.refreshFailure) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_grant', error_description: server.refreshFailure(form.get('refresh_token') ?? '') }));
      return;
    }
    // oidc-provider takes an already read body from req.body (its documented fallback).
    oidc(Object.assign(req, { body: form.toString() }), res);
  }

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(req, res, { login: { accountId: ACCOUNT } }, { mergeWithLastSubmission: false });
      return;
    }
    if (server.consent === 'deny') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The administrator declined to let Seatwise read users' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const accountId = details.session?.accountId ?? ACCOUNT;
    const grant = (details.grantId && (await provider.Grant.find(details.grantId))) || new provider.Grant({ accountId, clientId: details.params.client_id as string });
    const { missingOIDCScope, missingResourceScopes } = details.prompt.details;
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
    for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  return server;
}
