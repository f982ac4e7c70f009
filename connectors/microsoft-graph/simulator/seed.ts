/**
 * A simulated Entra tenant with Microsoft 365 licenses, reproducible from (seed, users, now):
 * subscribed SKUs (paid ones, free ones with thousands of units, one company-wide SKU), users
 * holding one or more of them, disabled accounts still holding licenses, guests, users who never
 * signed in, interactive and non-interactive last sign-ins, licenses assigned through a group,
 * "margin" users signed in exactly N days before `now`, enterprise apps and their sign-in log.
 * Tests recompute the expected seats from this data, never from the connector.
 */
import { generatePeople, Rng, startOfUtcDay } from '../../simulator-kit/index.js';

const DAY_MS = 86_400_000;
const SIGN_IN_HISTORY_DAYS = 400;
/** Sign-ins in the log go back this far (the log keeps 30 days on P1/P2). */
const LOG_DAYS = 30;

/** SKU ids are the same in every tenant (Microsoft, "Product names and service plan identifiers for licensing"). */
export const SKU_IDS = {
  SPE_E5: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
  SPE_E3: '05e9a617-0261-4cee-bb44-138d3ef5d965',
  ENTERPRISEPREMIUM: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
  ENTERPRISEPACK: '6fd2c87f-b296-42f0-b197-1e91e994b900',
  STANDARDPACK: '18181a46-0d4e-45cd-891e-60aabd171b4e',
  VISIOCLIENT: 'c5928f49-12ba-48f7-ada3-0d743a3601d5',
  FLOW_FREE: 'f30db892-07e9-47e9-837c-80727f46fd3d',
  POWER_BI_STANDARD: 'a403ebcc-fae0-4ca2-8c8c-7a907fd6c235',
  MCOPSTNC: '47794cd0-f0e5-45c5-9033-2eb6b5fc84e0',
} as const;
export type SeedSkuPart = keyof typeof SKU_IDS;

export interface GraphSeedSku {
  skuId: string;
  skuPartNumber: SeedSkuPart;
  appliesTo: 'User' | 'Company';
  prepaid: { enabled: number; warning: number; suspended: number; lockedOut: number };
}

export interface GraphSeedLicense {
  skuId: string;
  disabledPlans: string[];
  /** Assigned through a group: Graph refuses to take it off the user directly. */
  viaGroup?: boolean;
}

export interface GraphSeedUser {
  id: string;
  displayName: string;
  /** null for some accounts: the user principal name is then the address. */
  mail: string | null;
  userPrincipalName: string;
  userType: 'Member' | 'Guest';
  accountEnabled: boolean;
  createdDateTime: string;
  licenses: GraphSeedLicense[];
  lastSignInDateTime: string | null;
  lastNonInteractiveSignInDateTime: string | null;
  /** Set on margin users: their latest sign-in is exactly this many days before `now`. */
  marginDays?: number;
}

export interface GraphSeedApp {
  id: string;
  appId: string;
  displayName: string;
  /** Tagged WindowsAzureActiveDirectoryIntegratedApp (an enterprise app), or a Microsoft first-party one. */
  enterprise: boolean;
}

export interface GraphSeedSignIn {
  id: string;
  createdDateTime: string;
  userId: string;
  userPrincipalName: string;
  appId: string;
  appDisplayName: string;
  /** 0 succeeded; 50126 invalid credentials; 50074 strong authentication required. */
  errorCode: number;
}

export interface GraphTenant {
  tenantId: string;
  displayName: string;
  /** The tenant's initial domain, e.g. contoso1234.onmicrosoft.com. */
  domain: string;
  /** Entra ID P1 or P2 in the tenant: signInActivity and the sign-in log are served. */
  premium: boolean;
  skus: GraphSeedSku[];
  users: GraphSeedUser[];
  apps: GraphSeedApp[];
  /** Most recent first, as Graph lists them. */
  signIns: GraphSeedSignIn[];
}

export interface GraphSeedOptions {
  seed?: number;
  users?: number;
  /** Reference instant; default the start of the current UTC day. */
  now?: Date;
  /** Default true. A tenant without P1/P2 holds Office 365 SKUs, which do not include it. */
  premium?: boolean;
  tenantId?: string;
  /** Licensed, enabled members whose latest sign-in is exactly N days before `now`, after the first user. */
  marginDays?: number[];
}

const PREMIUM_MAIN: SeedSkuPart[] = ['SPE_E5', 'SPE_E3', 'ENTERPRISEPACK'];
const BASIC_MAIN: SeedSkuPart[] = ['ENTERPRISEPREMIUM', 'ENTERPRISEPACK', 'STANDARDPACK'];
/** A service plan id drawn for "disabled plans" (Sway, say): any GUID does. */
const DISABLED_PLAN = 'a23b959c-7ce8-4e57-9140-b90eb88a9e97';

const ENTERPRISE_APPS = ['Asana', 'Salesforce', 'Zoom', 'Slack', 'Atlassian Cloud', 'GitHub Enterprise Cloud'];
const FIRST_PARTY_APPS = ['Microsoft Graph', 'Office 365 Exchange Online', 'Microsoft Teams Services'];

export function graphGuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[rng.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function seedGraphTenant(options: GraphSeedOptions = {}): GraphTenant {
  const seed = options.seed ?? 1;
  const count = options.users ?? 300;
  const now = options.now ?? startOfUtcDay();
  const premium = options.premium ?? true;
  const root = new Rng(seed);
  const idRng = root.fork('graph:ids');
  const tenantId = options.tenantId ?? graphGuid(idRng);
  const org = `contoso${root.fork('graph:org').int(1000, 9999)}`;
  const domain = `${org}.onmicrosoft.com`;
  const people = generatePeople({ seed, count, now, domain });
  const licenseRng = root.fork('graph:licenses');
  const stateRng = root.fork('graph:state');
  const signInRng = root.fork('graph:sign-ins');
  const main = premium ? PREMIUM_MAIN : BASIC_MAIN;
  const margins = options.marginDays ?? [];

  const users: GraphSeedUser[] = people.map((p, i) => {
    const id = graphGuid(idRng);
    const guest = i > 0 && stateRng.chance(0.03);
    const enabled = i === 0 || !stateRng.chance(0.07);
    const noMail = !guest && i > 0 && stateRng.chance(0.03);
    const upn = guest ? `${p.email.replace('@', '_')}#EXT#@${domain}` : p.email;
    const licenses: GraphSeedLicense[] = [];
    if (!guest) {
      const roll = licenseRng.next();
      const mainPart = i === 0 ? main[0] : roll < 0.4 ? main[0] : roll < 0.72 ? main[1] : roll < 0.85 ? main[2] : undefined;
      if (mainPart) {
        licenses.push({
          skuId: SKU_IDS[mainPart as SeedSkuPart],
          disabledPlans: licenseRng.chance(0.1) ? [DISABLED_PLAN] : [],
          ...(i > 0 && licenseRng.chance(0.04) ? { viaGroup: true } : {}),
        });
      }
      if (licenseRng.chance(0.1)) licenses.push({ skuId: SKU_IDS.VISIOCLIENT, disabledPlans: [] });
      if (licenseRng.chance(0.3)) licenses.push({ skuId: SKU_IDS.FLOW_FREE, disabledPlans: [] });
      if (licenseRng.chance(0.2)) licenses.push({ skuId: SKU_IDS.POWER_BI_STANDARD, disabledPlans: [] });
    }
    const never = i > 0 && signInRng.chance(0.08);
    const interactive = never ? null : i === 0 ? new Date(now.getTime() - DAY_MS) : signInRng.dateBetween(new Date(now.getTime() - SIGN_IN_HISTORY_DAYS * DAY_MS), now);
    // A refresh token keeps some people "signed in" without a prompt: later or earlier than the prompt.
    const nonInteractive = never || !signInRng.chance(0.6) ? null : signInRng.dateBetween(new Date(now.getTime() - SIGN_IN_HISTORY_DAYS * DAY_MS), now);
    return {
      id,
      displayName: p.name,
      mail: guest ? p.email : noMail ? null : p.email,
      userPrincipalName: upn,
      userType: guest ? 'Guest' : 'Member',
      accountEnabled: enabled,
      createdDateTime: isoSeconds(new Date(p.createdAt)),
      licenses,
      lastSignInDateTime: interactive ? isoSeconds(interactive) : null,
      lastNonInteractiveSignInDateTime: nonInteractive ? isoSeconds(nonInteractive) : null,
    };
  });

  // Margin users follow the first one: licensed, enabled members, whose latest sign-in is exactly
  // N days back, alternately interactive and non-interactive (the other one older), so the
  // "later of the two" rule decides every other one.
  margins.forEach((days, k) => {
    const u = users[k + 1];
    if (!u) return;
    const at = isoSeconds(new Date(now.getTime() - days * DAY_MS));
    const older = isoSeconds(new Date(now.getTime() - (days + 30) * DAY_MS));
    Object.assign(u, {
      userType: 'Member',
      accountEnabled: true,
      mail: u.mail ?? u.userPrincipalName,
      userPrincipalName: u.mail ?? u.userPrincipalName,
      licenses: [{ skuId: SKU_IDS[main[0] as SeedSkuPart], disabledPlans: [] }],
      lastSignInDateTime: k % 2 === 0 ? at : older,
      lastNonInteractiveSignInDateTime: k % 2 === 0 ? older : at,
      marginDays: days,
      // Created long before, so the sign-in decides.
      createdDateTime: isoSeconds(new Date(now.getTime() - (days + 400) * DAY_MS)),
    } satisfies Partial<GraphSeedUser>);
  });

  const skus = seedSkus(main, users, root.fork('graph:units'));
  const appRng = root.fork('graph:apps');
  const apps: GraphSeedApp[] = [
    ...ENTERPRISE_APPS.map((displayName) => ({ id: graphGuid(appRng), appId: graphGuid(appRng), displayName, enterprise: true })),
    ...FIRST_PARTY_APPS.map((displayName) => ({ id: graphGuid(appRng), appId: graphGuid(appRng), displayName, enterprise: false })),
  ];
  const signIns = premium ? seedSignIns(users, apps, now, root.fork('graph:log')) : [];
  return { tenantId, displayName: `Contoso ${org.slice(7)}`, domain, premium, skus, users, apps, signIns };
}

function seedSkus(main: SeedSkuPart[], users: GraphSeedUser[], rng: Rng): GraphSeedSku[] {
  const held = (part: SeedSkuPart): number => users.filter((u) => u.licenses.some((l) => l.skuId === SKU_IDS[part])).length;
  const paid = (part: SeedSkuPart, warning = 0): GraphSeedSku => ({
    skuId: SKU_IDS[part],
    skuPartNumber: part,
    appliesTo: 'User',
    // A few licenses to spare, so an undo can assign one again.
    prepaid: { enabled: held(part) + rng.int(2, 15) - warning, warning, suspended: 0, lockedOut: 0 },
  });
  const free = (part: SeedSkuPart, units: number): GraphSeedSku => ({ skuId: SKU_IDS[part], skuPartNumber: part, appliesTo: 'User', prepaid: { enabled: units, warning: 0, suspended: 0, lockedOut: 0 } });
  return [
    ...main.map((part) => paid(part)),
    // An expired Visio subscription still in its grace period: some units in "warning".
    paid('VISIOCLIENT', 3),
    free('FLOW_FREE', 10_000),
    free('POWER_BI_STANDARD', 1_000_000),
    // Communications credits: a company-wide SKU, never held by a user.
    { skuId: SKU_IDS.MCOPSTNC, skuPartNumber: 'MCOPSTNC', appliesTo: 'Company', prepaid: { enabled: 10_000_000, warning: 0, suspended: 0, lockedOut: 0 } },
  ];
}

function seedSignIns(users: GraphSeedUser[], apps: GraphSeedApp[], now: Date, rng: Rng): GraphSeedSignIn[] {
  const out: GraphSeedSignIn[] = [];
  const from = new Date(now.getTime() - LOG_DAYS * DAY_MS);
  for (const app of apps) {
    for (const u of users) {
      if (!u.accountEnabled || u.userType !== 'Member' || !rng.chance(app.enterprise ? 0.5 : 0.2)) continue;
      const times = rng.int(1, 4);
      for (let n = 0; n < times; n++) {
        out.push({
          id: graphGuid(rng),
          createdDateTime: isoSeconds(rng.dateBetween(from, now)),
          userId: u.id,
          userPrincipalName: u.userPrincipalName,
          appId: app.appId,
          appDisplayName: app.displayName,
          errorCode: rng.chance(0.9) ? 0 : rng.pick([50126, 50074]),
        });
      }
    }
  }
  return out.sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime) || a.id.localeCompare(b.id));
}

/** Graph writes instants to the second, with a Z. */
function isoSeconds(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A user's seats the way Seatwise counts them: one per license; the SKU tells paid from free. */
export function skuPart(tenant: GraphTenant, skuId: string): string | undefined {
  return tenant.skus.find((s) => s.skuId === skuId)?.skuPartNumber;
}
