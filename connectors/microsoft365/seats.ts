/**
 * Microsoft 365 users as Seatwise seats: one seat per user and assigned SKU, the license type
 * being the SKU's part number (SPE_E5). A user holding E5 and Visio holds two seats, each
 * reclaimable on its own, so a seat's id is the user's object id and the SKU's id together.
 */
import { z } from 'zod';
import { ConnectorError } from '../http/errors.js';
import { isGuid } from '../microsoft-graph/defaults.js';
import type { GraphSubscribedSku, GraphUser } from '../microsoft-graph/schemas.js';
import { lastSignIn } from '../microsoft-graph/users.js';
import type { SeatRecord } from '../types.js';
import type { Downgrades } from './downgrades.js';
import { isFreeSku } from './skus.js';

/** What the license calls need besides the two ids: disabled plans and the downgrade targets' SKU ids. */
const reclaimRefSchema = z.object({
  /** The service plans turned off in this license, put back as they were on undo. */
  d: z.array(z.string().refine(isGuid)).max(200).optional(),
  /** Downgrade target part number -> its SKU id in this tenant, as read at download. */
  t: z.record(z.string().max(100), z.string().refine(isGuid)).optional(),
});
export type SeatRef = z.infer<typeof reclaimRefSchema>;

export function seatUserId(userObjectId: string, skuId: string): string {
  return `${userObjectId}:${skuId}`;
}

/** The Graph user id and SKU id a seat stands for; a stored seat that lost them is a config error. */
export function seatIds(seat: Pick<SeatRecord, 'userId' | 'email'>): { user: string; skuId: string } {
  const [user, skuId, rest] = seat.userId.split(':');
  if (!user || !skuId || rest !== undefined || !isGuid(user) || !isGuid(skuId)) {
    throw new ConnectorError('config', `The Microsoft 365 seat of ${seat.email || seat.userId} does not name a user and a license: download seats again before reclaiming it.`);
  }
  return { user, skuId };
}

export function readSeatRef(seat: Pick<SeatRecord, 'reclaimRef'>): SeatRef {
  if (!seat.reclaimRef) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(seat.reclaimRef);
  } catch {
    return {};
  }
  const parsed = reclaimRefSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

function writeSeatRef(ref: SeatRef): string | undefined {
  const out: SeatRef = {};
  if (ref.d?.length) out.d = ref.d;
  if (ref.t && Object.keys(ref.t).length) out.t = ref.t;
  return Object.keys(out).length ? JSON.stringify(out) : undefined;
}

export interface SkuIndex {
  byId: ReadonlyMap<string, GraphSubscribedSku>;
  idByPart: ReadonlyMap<string, string>;
}

export function indexSkus(skus: readonly GraphSubscribedSku[]): SkuIndex {
  return { byId: new Map(skus.map((s) => [s.skuId, s])), idByPart: new Map(skus.map((s) => [s.skuPartNumber, s.skuId])) };
}

/**
 * The license type of a SKU id: its part number, or the id itself for a license whose SKU the
 * tenant no longer lists (an ended subscription), which the admin then maps or excludes.
 */
export function licenseTypeOf(skuId: string, skus: SkuIndex): string {
  return skus.byId.get(skuId)?.skuPartNumber ?? skuId;
}

export function userToSeats(user: GraphUser, skus: SkuIndex, downgrades: Downgrades): SeatRecord[] {
  const lastActivityAt = lastSignIn(user);
  const startedAt = user.createdDateTime ? new Date(user.createdDateTime).toISOString() : undefined;
  return (user.assignedLicenses ?? []).map((license) => {
    const licenseType = licenseTypeOf(license.skuId, skus);
    const targets: Record<string, string> = {};
    for (const part of downgrades.get(licenseType) ?? []) {
      const id = skus.idByPart.get(part);
      if (id) targets[part] = id;
    }
    const reclaimRef = writeSeatRef({ d: license.disabledPlans?.filter(isGuid), t: targets });
    const seat: SeatRecord = {
      userId: seatUserId(user.id, license.skuId),
      email: user.mail?.trim() || user.userPrincipalName?.trim() || '',
      name: user.displayName?.trim() ?? '',
      licenseType,
      // A disabled account (accountEnabled false) still holds the license, and Microsoft still
      // bills it: the seat stays active. Such a seat belongs to a leaver and is a candidate
      // whatever its last sign-in; main decides that from the account state (a `leaver` flag
      // on the seat is to come), the connector only reports it.
      active: true,
      // Directory roles are a separate read (and permission); no Microsoft 365 seat is the
      // organisation's owner in Seatwise's sense.
      admin: false,
      owner: false,
      paid: !isFreeSku(licenseType),
      // Graph dates a license by its service plans only; the account's creation stands in,
      // so a never-used seat counts as idle from when the person joined at the latest.
      ...(startedAt ? { startedAt } : {}),
      ...(lastActivityAt ? { lastActivityAt } : {}),
      ...(reclaimRef ? { reclaimRef } : {}),
    };
    return seat;
  });
}

/** A disabled account that still holds at least one license. */
export function isLeaver(user: Pick<GraphUser, 'accountEnabled' | 'assignedLicenses'>): boolean {
  return user.accountEnabled === false && (user.assignedLicenses?.length ?? 0) > 0;
}
