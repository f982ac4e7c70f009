/**
 * The custom connector: any REST app (or SCIM 2.0 through the preset) driven by the
 * configuration in settings.options.custom. Seats from the users listing, activity from an
 * activity endpoint or a last-activity field, reclaim and undo from call templates.
 */
import { ActivityUnavailableError, ConnectorError } from '../http/errors.js';
import type {
  ActivityRecord,
  Connector,
  ConnectorContext,
  ProbeResult,
  ProcessName,
  ReclaimAction,
  SeatRecord,
  VendorCall,
  Whoami,
} from '../types.js';
import { loadCustomConfig, SCIM_MEDIA_TYPE, type CallTemplate, type CustomConfig } from './config.js';
import { customDescriptor } from './descriptor.js';
import { customPages } from './pages.js';
import { firstValue } from './paths.js';
import { itemToActivity, itemToSeat } from './seats.js';
import { planCall } from './templates.js';

export const SCIM_NO_ACTIVITY = 'This SCIM app reports no user activity; Seatwise makes no inactivity candidates for it';
const NO_ACTIVITY =
  'This custom app has no activity endpoint or last-activity field configured; Seatwise makes no inactivity candidates for it';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A configuration describes one reclaim call: there is no freeze or cheaper tier to choose. */
function onlyRemove(action: ReclaimAction | undefined): void {
  if (action !== undefined && action !== 'remove') {
    throw new ConnectorError('config', `This custom app has one configured reclaim call, which counts as "remove"; "${action}" is not offered.`);
  }
}

/**
 * The headers of a call template's request: `mediaType` is the first choice in Accept and,
 * when there is a body, its Content-Type (a strict SCIM server refuses application/json).
 */
export function mediaTypeHeaders(mediaType: string | undefined, hasBody: boolean): Record<string, string> | undefined {
  if (!mediaType) return undefined;
  const accept = { accept: `${mediaType}, application/json` };
  return hasBody ? { 'content-type': mediaType, ...accept } : accept;
}

/**
 * SCIM answers in application/scim+json; application/json stays acceptable because older SCIM
 * servers use it (RFC 7644's registration of the media type says so).
 */
const SCIM_ACCEPT = { accept: `${SCIM_MEDIA_TYPE}, application/json` };

function sinceValue(since: Date, format: 'iso' | 'epoch_seconds' | 'epoch_ms'): string {
  if (format === 'epoch_seconds') return String(Math.floor(since.getTime() / 1000));
  if (format === 'epoch_ms') return String(since.getTime());
  return since.toISOString();
}

export function createCustomConnector(ctx: ConnectorContext): Connector {
  const { http } = ctx;
  let loaded: CustomConfig | undefined;
  const config = (): CustomConfig => (loaded ??= loadCustomConfig(ctx.settings));
  const vendorName = (): string => (config().preset === 'scim' ? 'The SCIM app' : 'The custom app');
  const host = hostOf(ctx.settings.baseUrl || http.baseUrl);

  function usersPages(firstPageOnly = false) {
    const c = config();
    return customPages({
      http,
      vendorName: vendorName(),
      what: 'users',
      path: c.users.path,
      query: c.users.query,
      pagination: c.users.pagination,
      itemsPath: c.users.itemsPath,
      headers: c.preset === 'scim' ? SCIM_ACCEPT : undefined,
      signal: ctx.signal,
      firstPageOnly,
    });
  }

  async function* activityEndpoint(since: Date, firstPageOnly = false): AsyncGenerator<ActivityRecord[]> {
    const a = config().activity;
    if (!a) return;
    for await (const items of customPages({
      http,
      vendorName: vendorName(),
      what: 'activity events',
      path: a.path,
      query: { ...a.query, [a.sinceParam]: sinceValue(since, a.sinceFormat) },
      // Without paging configured, follow a Link header if there is one, else one page.
      pagination: a.pagination ?? { style: 'link', pageSize: 100 },
      itemsPath: a.itemsPath,
      signal: ctx.signal,
      firstPageOnly,
    })) {
      yield items.flatMap((item) => {
        const record = itemToActivity(item, a);
        return record && Date.parse(record.at) >= since.getTime() ? [record] : [];
      });
    }
  }

  function template(kind: 'reclaim' | 'undo'): CallTemplate {
    const t = config()[kind];
    if (!t) throw new ConnectorError('config', `No ${kind} call is configured for this custom app.`);
    return t;
  }

  async function send(kind: 'reclaim' | 'undo', seat: SeatRecord): Promise<void> {
    const t = template(kind);
    const call = planCall(t, seat, http.baseUrl);
    await http.request({
      method: t.method,
      url: call.url,
      body: call.body,
      headers: mediaTypeHeaders(t.mediaType, call.body !== undefined),
    });
  }

  async function probeProcess(process: ProcessName): Promise<ProbeResult> {
    const c = config();
    switch (process) {
      case 'download': {
        let sample: SeatRecord | undefined;
        for await (const page of usersPages(true)) {
          sample = page[0] ? itemToSeat(page[0], c, vendorName()) : undefined;
          break;
        }
        return {
          process,
          ok: true,
          message: sample
            ? `Seatwise can list the users of ${host} (first: ${sample.email || sample.userId}, license "${sample.licenseType}").`
            : `Seatwise can list the users of ${host}; the list is empty.`,
        };
      }
      case 'activity': {
        if (c.activity) {
          for await (const page of activityEndpoint(new Date(ctx.now().getTime() - 86_400_000), true)) {
            void page;
            break;
          }
          return { process, ok: true, message: `Seatwise can read activity from ${c.activity.path} on ${host}.` };
        }
        if (c.fields.lastActivity) return { process, ok: true, message: `Last activity comes with each user of ${host}.` };
        return { process, ok: false, message: c.preset === 'scim' ? SCIM_NO_ACTIVITY : NO_ACTIVITY };
      }
      case 'reclaim': {
        if (!c.reclaim) return { process, ok: false, message: 'No reclaim call is configured: Seatwise cannot take seats back in this app.' };
        if (c.preset === 'scim') {
          const res = await http.request({ url: '/ServiceProviderConfig', headers: SCIM_ACCEPT });
          const supported = firstValue(res.body, 'patch.supported');
          if (supported === false) return { process, ok: false, message: `The SCIM app at ${host} does not support PATCH, so Seatwise cannot deactivate users.` };
        }
        return {
          process,
          ok: true,
          message: `Reclaim sends ${c.reclaim.method} ${c.reclaim.path}. Seatwise cannot test write access without changing a user: make sure the credential may modify users.`,
        };
      }
    }
  }

  return {
    descriptor: customDescriptor,

    async whoami(): Promise<Whoami> {
      const c = config();
      if (c.whoami) {
        const res = await http.request({ url: c.whoami.path, headers: SCIM_ACCEPT });
        const id = firstValue(res.body, c.whoami.idPath);
        const name = firstValue(res.body, c.whoami.namePath);
        const email = firstValue(res.body, c.whoami.emailPath);
        return {
          userId: typeof id === 'string' || typeof id === 'number' ? String(id) : host,
          name: typeof name === 'string' ? name : host,
          email: typeof email === 'string' ? email : undefined,
          orgId: host,
          orgName: host,
        };
      }
      for await (const page of usersPages(true)) {
        void page;
        break;
      }
      return { userId: host, name: host, orgId: host, orgName: host };
    },

    async *subscriptions(): AsyncIterable<SeatRecord[]> {
      const c = config();
      let pages = 0;
      let users = 0;
      for await (const items of usersPages()) {
        const seats = items.map((item) => itemToSeat(item, c, vendorName()));
        pages += 1;
        users += seats.length;
        ctx.progress({ phase: 'download', pages, users });
        yield seats;
      }
    },

    async *activity(since: Date): AsyncIterable<ActivityRecord[]> {
      const c = config();
      if (c.activity) {
        let pages = 0;
        const seen = new Set<string>();
        for await (const records of activityEndpoint(since)) {
          pages += 1;
          for (const r of records) seen.add(r.userId ?? r.email ?? '');
          ctx.progress({ phase: 'activity', pages, users: seen.size });
          yield records;
        }
        return;
      }
      if (c.fields.lastActivity) {
        // Like Salesforce: last activity came on each seat (lastActivityAt) with the download.
        ctx.progress({ phase: 'activity', pages: 0, users: 0, message: 'Last activity came with the user download.' });
        return;
      }
      throw new ActivityUnavailableError(c.preset === 'scim' ? SCIM_NO_ACTIVITY : NO_ACTIVITY);
    },

    planReclaim(seat, action): VendorCall {
      onlyRemove(action);
      return planCall(template('reclaim'), seat, http.baseUrl);
    },
    async reclaim(seat, action) {
      onlyRemove(action);
      await send('reclaim', seat);
    },
    planUndo(seat, action): VendorCall {
      onlyRemove(action);
      return planCall(template('undo'), seat, http.baseUrl);
    },
    async undo(seat, action) {
      onlyRemove(action);
      await send('undo', seat);
    },

    async probe(process: ProcessName): Promise<ProbeResult> {
      try {
        return await probeProcess(process);
      } catch (err) {
        if (err instanceof ConnectorError) return { process, ok: false, message: err.message };
        throw err;
      }
    },
  };
}
