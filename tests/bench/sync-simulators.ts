/**
 * The vendor simulators the sync benchmark lists seats from, each seeded with `seats` members
 * and answering every request `latencyMs` after it arrives, no rate limit. Started either on
 * the benchmark's own thread or inside sync-simulator-worker.ts; what the client needs to
 * know about them (URL, token, the bare loop's first page) is plain data that crosses a
 * worker boundary.
 */
import { startAsanaSimulator } from '../../connectors/asana/simulator/index.js';
import { MEMBERSHIP_OPT_FIELDS } from '../../connectors/asana/seats.js';
import { startCalendlySimulator } from '../../connectors/calendly/simulator/index.js';
import { startScimSimulator } from '../../connectors/custom/simulator/index.js';
import { startSalesforceSimulator } from '../../connectors/salesforce/simulator/index.js';
import { USER_SOQL } from '../../connectors/salesforce/seats.js';
import { QUERY_BATCH_SIZE } from '../../connectors/salesforce/query.js';

export type SyncVendorId = 'asana' | 'salesforce' | 'calendly' | 'scim';

export interface BenchSimulatorSpec {
  vendor: SyncVendorId;
  seats: number;
  latencyMs: number;
}

export interface BenchSimulatorInfo {
  /** The connection URL (the API base). */
  url: string;
  token: string;
  /** The listing's first page as the connector asks for it, for the bare fetch loop (peer). */
  firstPage: string;
  /** Extra request headers the listing needs (Salesforce's batch size). */
  headers: Record<string, string>;
  /** Salesforce: the connected app, for a client-credentials connection through the app (estate.bench.ts). */
  oauth?: { clientId: string; clientSecret: string; tokenUrl: string };
}

export interface BenchSimulator {
  info: BenchSimulatorInfo;
  /** Requests the simulator has received so far. */
  requests(): number;
  close(): Promise<void>;
}

const SEED = 8;

export async function startBenchSimulator({ vendor, seats, latencyMs }: BenchSimulatorSpec): Promise<BenchSimulator> {
  switch (vendor) {
    case 'asana': {
      const token = 'bench-asana-token';
      const sim = await startAsanaSimulator({ token, seed: SEED, users: seats, latencyMs, knobs: { rateLimit: undefined } });
      const firstPage = `${sim.url}/workspaces/${sim.workspaceGid}/workspace_memberships?limit=100&opt_fields=${MEMBERSHIP_OPT_FIELDS}`;
      return { info: { url: sim.url, token, firstPage, headers: {} }, requests: () => sim.stats.requests, close: () => sim.close() };
    }
    case 'salesforce': {
      const sim = await startSalesforceSimulator({ seed: SEED, users: seats, latencyMs });
      const firstPage = `${sim.url}/services/data/v62.0/query?q=${encodeURIComponent(USER_SOQL)}`;
      const headers = { 'Sforce-Query-Options': `batchSize=${QUERY_BATCH_SIZE}` };
      const oauth = { clientId: sim.oauth.clientId, clientSecret: sim.oauth.clientSecret, tokenUrl: sim.oauth.tokenUrl };
      return { info: { url: sim.url, token: sim.token, firstPage, headers, oauth }, requests: () => sim.stats.requests, close: () => sim.close() };
    }
    case 'calendly': {
      const sim = await startCalendlySimulator({ seed: SEED, size: seats, knobs: { rateLimit: undefined, latencyMs } });
      // The organization URI is the simulator's own, as /users/me reports it; read once here,
      // outside any timed run.
      const org = sim.org.uri;
      const firstPage = `${sim.url}/organization_memberships?organization=${encodeURIComponent(org)}&count=100`;
      return { info: { url: sim.url, token: sim.token, firstPage, headers: {} }, requests: () => sim.stats.requests, close: () => sim.close() };
    }
    case 'scim': {
      const token = 'bench-scim-token';
      // A server page as large as the connector's count, so pages x latency counts every page.
      const sim = await startScimSimulator({ token, seed: SEED, users: seats, maxPageSize: 100, knobs: { latencyMs } });
      const firstPage = `${sim.url}/Users?startIndex=1&count=100`;
      return { info: { url: sim.url, token, firstPage, headers: {} }, requests: () => sim.stats.requests, close: () => sim.close() };
    }
  }
}
