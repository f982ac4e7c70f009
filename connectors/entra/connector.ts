/**
 * The Microsoft Entra ID connector: a directory source (people, enterprise apps, sign-ins per
 * app) that reclaims nothing. Its seats are the directory's users, each one free seat of type
 * "Entra ID user": the profile then lists who is in the tenant, whose account is disabled and
 * when each last signed in, beside the apps it is matched against, and since a free seat is
 * never a candidate nor a cost, no one is proposed for reclaim through it. (Yielding nothing
 * would leave an Entra profile that looks empty after a sync that worked.)
 */
import { type ActivityUnavailableError, ConnectorError } from '../http/errors.js';
import { TENANT_OPTION } from '../microsoft-graph/defaults.js';
import { graphWhoami } from '../microsoft-graph/organization.js';
import type { GraphUser } from '../microsoft-graph/schemas.js';
import { graphUsers, lastSignIn } from '../microsoft-graph/users.js';
import type { ActivityRecord, Connector, ConnectorContext, DirectoryPerson, ProbeResult, ProcessName, SeatRecord, VendorCall, Whoami } from '../types.js';
import { ENTRA_USER_LICENSE, entraDescriptor } from './descriptor.js';
import { entraDirectory, PEOPLE_FIELDS, personOf } from './directory.js';
import { probeEntra } from './probe.js';

const ACTIVITY_PAGE = 1000;

export function userToSeat(user: GraphUser): SeatRecord {
  const lastActivityAt = lastSignIn(user);
  return {
    userId: user.id,
    email: user.mail?.trim() || user.userPrincipalName?.trim() || '',
    name: user.displayName?.trim() ?? '',
    licenseType: ENTRA_USER_LICENSE,
    active: user.accountEnabled !== false,
    admin: false,
    owner: false,
    paid: false,
    ...(user.createdDateTime ? { startedAt: new Date(user.createdDateTime).toISOString() } : {}),
    ...(lastActivityAt ? { lastActivityAt } : {}),
  };
}

function noReclaim(): never {
  throw new ConnectorError('config', 'Microsoft Entra ID is a directory source: Seatwise reclaims no seats through it. Reclaim in the app\'s own profile (Microsoft 365 for licenses).');
}

export function createEntraConnector(ctx: ConnectorContext): Connector {
  const { http } = ctx;
  const tenant = ctx.settings.options[TENANT_OPTION]?.trim() || undefined;
  const where = (): string => (tenant ? `Entra tenant ${tenant}` : 'the Entra tenant');
  const directory = entraDirectory(http, ctx.signal, (update) => ctx.progress({ phase: 'download', ...update }));

  let signIns: ActivityRecord[] | undefined;
  let people: DirectoryPerson[] | undefined;
  let signInsRefused: ActivityUnavailableError | undefined;

  async function readSignIns(): Promise<ActivityRecord[]> {
    const out: ActivityRecord[] = [];
    for await (const page of graphUsers({
      http,
      select: ['id', 'mail', 'userPrincipalName'],
      signIns: true,
      signal: ctx.signal,
      onSignInsUnavailable: (reason) => {
        throw reason;
      },
    })) {
      for (const user of page) {
        const seat = userToSeat(user);
        if (seat.lastActivityAt) out.push({ userId: seat.userId, email: seat.email || undefined, at: seat.lastActivityAt });
      }
    }
    return out;
  }

  return {
    descriptor: entraDescriptor,
    directory,

    whoami(): Promise<Whoami> {
      return graphWhoami(http, ctx.settings);
    },

    downloadedPeople: () => people,

    async *subscriptions(): AsyncIterable<SeatRecord[]> {
      const read: ActivityRecord[] = [];
      const listed: DirectoryPerson[] = [];
      people = undefined;
      signInsRefused = undefined;
      let pages = 0;
      let users = 0;
      for await (const page of graphUsers({
        http,
        select: PEOPLE_FIELDS,
        signIns: true,
        signal: ctx.signal,
        onSignInsUnavailable: (reason) => {
          signInsRefused = reason;
          ctx.progress({ phase: 'download', message: `${reason.message} The directory downloads without it.` });
        },
      })) {
        const seats = page.map(userToSeat);
        for (const user of page) listed.push(personOf(user));
        for (const s of seats) if (s.lastActivityAt) read.push({ userId: s.userId, email: s.email || undefined, at: s.lastActivityAt });
        pages += 1;
        users += seats.length;
        ctx.progress({ phase: 'download', pages, users });
        if (seats.length > 0) yield seats;
      }
      signIns = read;
      people = listed;
    },

    /** Each person's last sign-in to Entra ID itself; unavailable on Entra ID Free. */
    async *activity(since: Date): AsyncIterable<ActivityRecord[]> {
      if (signInsRefused) throw signInsRefused;
      const records = (signIns ?? (await readSignIns())).filter((r) => Date.parse(r.at) >= since.getTime());
      for (let i = 0; i < records.length; i += ACTIVITY_PAGE) {
        const page = records.slice(i, i + ACTIVITY_PAGE);
        ctx.progress({ phase: 'activity', pages: i / ACTIVITY_PAGE + 1, users: i + page.length });
        yield page;
      }
    },

    planReclaim(): VendorCall {
      return noReclaim();
    },
    async reclaim(): Promise<void> {
      noReclaim();
    },

    async probe(process: ProcessName): Promise<ProbeResult> {
      try {
        return await probeEntra(http, process, where());
      } catch (err) {
        if (err instanceof ConnectorError) return { process, ok: false, message: err.message };
        throw err;
      }
    },
  };
}
