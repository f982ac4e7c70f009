/**
 * The Microsoft 365 connector: seats from the users' assigned licenses (one per user and SKU),
 * seats owned from the subscribed SKUs, activity from each user's signInActivity (read with the
 * same user list), reclaim by removing a license or swapping it for a cheaper one, and undo by
 * the reverse. Everything goes through ctx.http; the token comes from main's client
 * credentials grant against the tenant's token endpoint.
 */
import { type ActivityUnavailableError, ConnectorError } from '../http/errors.js';
import { TENANT_OPTION } from '../microsoft-graph/defaults.js';
import { graphWhoami } from '../microsoft-graph/organization.js';
import { collectionSchema, parseGraph, subscribedSkuSchema, type GraphSubscribedSku, type GraphUser } from '../microsoft-graph/schemas.js';
import { graphUsers, lastSignIn } from '../microsoft-graph/users.js';
import type { ActivityRecord, Connector, ConnectorContext, OwnedSeats, ProbeResult, ProcessName, SeatRecord, Whoami } from '../types.js';
import { DOWNGRADES_OPTION, microsoft365Descriptor } from './descriptor.js';
import { parseDowngrades, type Downgrades } from './downgrades.js';
import { m365Licenses } from './licenses.js';
import { probeMicrosoft365 } from './probe.js';
import { indexSkus, isLeaver, seatUserId, userToSeats, type SkuIndex } from './seats.js';

/** The user properties a seat is made of (signInActivity is added where the tenant allows it). */
const SEAT_FIELDS = ['id', 'displayName', 'mail', 'userPrincipalName', 'accountEnabled', 'createdDateTime', 'assignedLicenses'] as const;
const ACTIVITY_FIELDS = ['id', 'mail', 'userPrincipalName', 'assignedLicenses'] as const;
const ACTIVITY_PAGE = 1000;

/** One licensed user's last sign-in, for every seat the user holds. */
interface SignInRecord {
  seatIds: string[];
  email: string;
  at: string;
}

function signInOf(user: GraphUser): SignInRecord | undefined {
  const at = lastSignIn(user);
  const licenses = user.assignedLicenses ?? [];
  if (!at || licenses.length === 0) return undefined;
  return { seatIds: licenses.map((l) => seatUserId(user.id, l.skuId)), email: user.mail?.trim() || user.userPrincipalName?.trim() || '', at };
}

export function createMicrosoft365Connector(ctx: ConnectorContext): Connector {
  const { http } = ctx;
  const tenant = ctx.settings.options[TENANT_OPTION]?.trim() || undefined;
  const where = (): string => (tenant ? `Microsoft 365 tenant ${tenant}` : 'the Microsoft 365 tenant');

  let skuList: GraphSubscribedSku[] | undefined;
  let skus: SkuIndex | undefined;
  /** Sign-ins read with the seats; undefined until a download ran in this connector. */
  let signIns: SignInRecord[] | undefined;
  let signInsRefused: ActivityUnavailableError | undefined;

  const downgrades = (): Downgrades => parseDowngrades(ctx.settings.options[DOWNGRADES_OPTION]);
  const licenses = m365Licenses({ http, downgrades, skuIdOf: (part) => skus?.idByPart.get(part) });

  async function readSkus(): Promise<GraphSubscribedSku[]> {
    const res = await http.request({ url: '/subscribedSkus' });
    skuList = parseGraph(collectionSchema(subscribedSkuSchema), res.body, 'GET /subscribedSkus').value;
    skus = indexSkus(skuList);
    return skuList;
  }

  /** A downgrade list that does not parse must not stop the download: it matters only to reclaim. */
  function downgradesForDownload(): Downgrades {
    try {
      return downgrades();
    } catch (err) {
      if (!(err instanceof ConnectorError)) throw err;
      ctx.progress({ phase: 'download', message: `${err.message} Seats download without downgrade targets.` });
      return new Map();
    }
  }

  /** Sign-ins alone, when activity is asked of a connector that did not download the seats. */
  async function readSignIns(): Promise<SignInRecord[]> {
    const out: SignInRecord[] = [];
    for await (const page of graphUsers({
      http,
      select: ACTIVITY_FIELDS,
      signIns: true,
      signal: ctx.signal,
      onSignInsUnavailable: (reason) => {
        throw reason;
      },
    })) {
      for (const user of page) {
        const record = signInOf(user);
        if (record) out.push(record);
      }
    }
    return out;
  }

  return {
    descriptor: microsoft365Descriptor,

    whoami(): Promise<Whoami> {
      return graphWhoami(http, ctx.settings);
    },

    async *subscriptions(): AsyncIterable<SeatRecord[]> {
      const index = indexSkus(await readSkus());
      const dg = downgradesForDownload();
      const read: SignInRecord[] = [];
      signInsRefused = undefined;
      let pages = 0;
      let users = 0;
      let leavers = 0;
      for await (const page of graphUsers({
        http,
        select: SEAT_FIELDS,
        signIns: true,
        signal: ctx.signal,
        onSignInsUnavailable: (reason) => {
          signInsRefused = reason;
          ctx.progress({ phase: 'download', message: `${reason.message} Seats download without it.` });
        },
      })) {
        const seats: SeatRecord[] = [];
        for (const user of page) {
          const held = userToSeats(user, index, dg);
          if (held.length === 0) continue;
          seats.push(...held);
          if (isLeaver(user)) leavers += 1;
          const record = signInsRefused ? undefined : signInOf(user);
          if (record) read.push(record);
        }
        pages += 1;
        users += seats.length;
        ctx.progress({ phase: 'download', pages, users });
        if (seats.length > 0) yield seats;
      }
      signIns = read;
      if (leavers > 0) {
        const who = leavers === 1 ? '1 disabled account still holds' : `${leavers} disabled accounts still hold`;
        ctx.progress({ phase: 'download', message: `${who} Microsoft 365 licenses: they are leavers whose licenses are still billed.` });
      }
    },

    /**
     * Each user's last sign-in, one record per seat the user holds. It came with the seat list
     * when this connector downloaded the seats; otherwise the user list is read again for it.
     * A tenant without Entra ID P1/P2, or an app without AuditLog.Read.All, has no sign-in
     * data: that is ActivityUnavailableError, never "nobody signed in".
     */
    async *activity(since: Date): AsyncIterable<ActivityRecord[]> {
      if (signInsRefused) throw signInsRefused;
      const records = signIns ?? (await readSignIns());
      const from = since.getTime();
      let page: ActivityRecord[] = [];
      let pages = 0;
      let users = 0;
      for (const r of records) {
        if (Date.parse(r.at) < from) continue;
        users += 1;
        for (const userId of r.seatIds) page.push({ userId, email: r.email || undefined, at: r.at });
        if (page.length >= ACTIVITY_PAGE) {
          pages += 1;
          ctx.progress({ phase: 'activity', pages, users });
          yield page;
          page = [];
        }
      }
      if (page.length > 0) {
        pages += 1;
        ctx.progress({ phase: 'activity', pages, users });
        yield page;
      }
    },

    /**
     * prepaidUnits.enabled + warning: the licenses the subscription holds, counting those of an
     * expired subscription still in its grace period (still assigned, renewed by paying);
     * suspended and locked-out units can no longer be assigned. Company-wide SKUs hold no seats.
     */
    async ownedSeats(): Promise<OwnedSeats[]> {
      const list = skuList ?? (await readSkus());
      return list
        .filter((s) => (s.appliesTo ?? 'User') === 'User')
        .map((s) => ({
          licenseType: s.skuPartNumber,
          owned: (s.prepaidUnits?.enabled ?? 0) + (s.prepaidUnits?.warning ?? 0),
          used: s.consumedUnits ?? 0,
        }));
    },

    downgradeTargets(licenseType: string): string[] {
      try {
        return [...(downgrades().get(licenseType) ?? [])];
      } catch {
        // A list that does not parse offers no downgrade; planReclaim says why.
        return [];
      }
    },

    planReclaim: (seat, action) => licenses.plan(seat, action, false),
    reclaim: (seat, action) => licenses.run(seat, action, false),
    planUndo: (seat, action) => licenses.plan(seat, action, true),
    undo: (seat, action) => licenses.run(seat, action, true),

    async probe(process: ProcessName): Promise<ProbeResult> {
      try {
        return await probeMicrosoft365(http, process, where());
      } catch (err) {
        if (err instanceof ConnectorError) return { process, ok: false, message: err.message };
        throw err;
      }
    },
  };
}
