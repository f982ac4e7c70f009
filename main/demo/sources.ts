/**
 * The demo organisation's vendors: each starts its simulator with a seeded company and says
 * how to connect to it. Seeds are fixed so every newcomer sees the same, believable company.
 */
import { randomBytes } from 'node:crypto';
import { startAsanaSimulator } from '../../connectors/asana/simulator/index.js';
import { ASANA_LICENSE_TYPES } from '../../connectors/asana/descriptor.js';
import type { CalendlyMember } from '../../connectors/calendly/simulator/seed.js';
import { startCalendlySimulator } from '../../connectors/calendly/simulator/index.js';
import { CALENDLY_LICENSE_TYPES } from '../../connectors/calendly/descriptor.js';
import { startSalesforceSimulator } from '../../connectors/salesforce/simulator/index.js';
import { SALESFORCE_LICENSE_TYPES } from '../../connectors/salesforce/descriptor.js';
import { startScimSimulator } from '../../connectors/custom/simulator/index.js';
import { startGraphSimulator } from '../../connectors/microsoft-graph/simulator/index.js';
import { startGithubSimulator } from '../../connectors/github/simulator/index.js';
import { GITHUB_LICENSE_TYPES } from '../../connectors/github/descriptor.js';
import { startZoomSimulator } from '../../connectors/zoom/simulator/index.js';
import { ZOOM_LICENSE_TYPES } from '../../connectors/zoom/descriptor.js';
import type { DemoSource } from './demo.js';

const DEMO_DOMAIN = 'northwind.example';
const renewal = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A fresh token per run: the simulators are local, but nothing guessable listens on a port. */
const demoToken = (): string => `demo_${randomBytes(18).toString('base64url')}`;

/**
 * A role Calendly "added after the connector was written": its members come through as the
 * unrecognized license type "Calendly seat (manager)", so the Software models tab has an
 * identifier to map or exclude on first start.
 */
export const DEMO_NEW_CALENDLY_ROLE = 'manager';

/** Gives a fixed handful of plain users (about one in twenty) the new role, the same people every start. */
function giveNewRole(members: readonly CalendlyMember[], role: string): void {
  const users = members.filter((m) => m.role === 'user');
  // The simulator types roles as today's three; the API passes any string, as Calendly's would.
  for (let i = 3; i < users.length; i += 20) Object.assign(users[i] as CalendlyMember, { role });
}

export const demoSources: DemoSource[] = [
  {
    name: 'Asana (demo)',
    vendor: 'asana',
    async start() {
      const token = demoToken();
      const sim = await startAsanaSimulator({ token, seed: 7, users: 480, domain: DEMO_DOMAIN, plan: 'enterprise' });
      return {
        baseUrl: sim.url,
        secret: token,
        secretKind: 'token',
        grantType: 'token',
        entitlements: [{ licenseType: ASANA_LICENSE_TYPES.member, owned: 450, unitCost: 24.99, currency: 'USD', period: 'month', renewalDate: renewal(54) }],
        close: () => sim.close(),
      };
    },
  },
  {
    name: 'Salesforce (demo)',
    vendor: 'salesforce',
    async start() {
      const sim = await startSalesforceSimulator({ seed: 11, users: 360, domain: DEMO_DOMAIN });
      return {
        baseUrl: sim.instanceUrl,
        secret: sim.oauth.clientSecret,
        secretKind: 'clientSecret',
        grantType: 'client_credentials',
        clientId: sim.oauth.clientId,
        tokenUrl: sim.oauth.tokenUrl,
        entitlements: [
          { licenseType: SALESFORCE_LICENSE_TYPES.salesforce, owned: 200, unitCost: 1980, currency: 'USD', period: 'year', renewalDate: renewal(120) },
          { licenseType: SALESFORCE_LICENSE_TYPES.platform, owned: 80, unitCost: 25, currency: 'USD', period: 'month', renewalDate: renewal(120) },
        ],
        close: () => sim.close(),
      };
    },
  },
  {
    name: 'Calendly (demo)',
    vendor: 'calendly',
    async start() {
      const sim = await startCalendlySimulator({ seed: 5, size: 140, domain: DEMO_DOMAIN, plan: 'teams' });
      giveNewRole(sim.org.members, DEMO_NEW_CALENDLY_ROLE);
      return {
        baseUrl: sim.url,
        secret: sim.token,
        secretKind: 'token',
        grantType: 'token',
        entitlements: [
          { licenseType: CALENDLY_LICENSE_TYPES.user, owned: 150, unitCost: 16, currency: 'USD', period: 'month', renewalDate: renewal(30) },
          { licenseType: CALENDLY_LICENSE_TYPES.admin, owned: 10, unitCost: 16, currency: 'USD', period: 'month', renewalDate: renewal(30) },
        ],
        close: () => sim.close(),
      };
    },
  },
  {
    name: 'Figma via SCIM (demo)',
    vendor: 'custom',
    preset: 'scim',
    async start() {
      const token = demoToken();
      const sim = await startScimSimulator({ token, seed: 13, users: 90 });
      return {
        baseUrl: sim.url,
        secret: token,
        secretKind: 'token',
        grantType: 'token',
        options: { preset: 'scim' },
        entitlements: [
          { licenseType: 'Pro', owned: 60, unitCost: 15, currency: 'USD', period: 'month', renewalDate: renewal(200) },
          { licenseType: 'Business', owned: 20, unitCost: 45, currency: 'USD', period: 'month', renewalDate: renewal(200) },
        ],
        close: () => sim.close(),
      };
    },
  },
  {
    name: 'Microsoft 365 (demo)',
    vendor: 'microsoft365',
    async start() {
      const sim = await startGraphSimulator({ seed: 17, users: 220 });
      return {
        baseUrl: sim.url,
        secret: sim.app.clientSecret,
        secretKind: 'clientSecret',
        grantType: 'client_credentials',
        clientId: sim.app.clientId,
        tokenUrl: sim.tokenUrl,
        // The move the admin allows: E5 seats of people who are away go down to E3 (history.ts).
        options: { tenant: sim.tenantId, downgrades: 'SPE_E5=SPE_E3' },
        entitlements: [
          { licenseType: 'SPE_E5', owned: null, unitCost: 57, currency: 'USD', period: 'month', renewalDate: renewal(75) },
          { licenseType: 'SPE_E3', owned: null, unitCost: 36, currency: 'USD', period: 'month', renewalDate: renewal(75) },
          { licenseType: 'ENTERPRISEPACK', owned: null, unitCost: 23, currency: 'USD', period: 'month', renewalDate: renewal(75) },
        ],
        close: () => sim.close(),
      };
    },
  },
  {
    name: 'GitHub Copilot (demo)',
    vendor: 'github',
    async start() {
      const sim = await startGithubSimulator({ seed: 19, members: 120, domain: DEMO_DOMAIN, org: 'northwind', orgName: 'Northwind Traders' });
      return {
        baseUrl: sim.url,
        secret: sim.token,
        secretKind: 'token',
        grantType: 'token',
        options: { org: sim.login },
        entitlements: [{ licenseType: GITHUB_LICENSE_TYPES.business, owned: null, unitCost: 19, currency: 'USD', period: 'month' }],
        close: () => sim.close(),
      };
    },
  },
  {
    name: 'Zoom (demo)',
    vendor: 'zoom',
    async start() {
      const sim = await startZoomSimulator({ seed: 23, users: 160, domain: DEMO_DOMAIN });
      return {
        baseUrl: sim.url,
        secret: sim.app.clientSecret,
        secretKind: 'clientSecret',
        grantType: 'client_credentials',
        clientId: sim.app.clientId,
        tokenUrl: sim.tokenUrl,
        options: { accountId: sim.accountId },
        entitlements: [{ licenseType: ZOOM_LICENSE_TYPES.licensed, owned: 150, unitCost: 13.33, currency: 'USD', period: 'month', renewalDate: renewal(160) }],
        close: () => sim.close(),
      };
    },
  },
];
