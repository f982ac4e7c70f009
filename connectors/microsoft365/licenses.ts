/**
 * Reclaim at Microsoft 365 is one call, POST /users/{id}/assignLicense, which takes licenses
 * off (removeLicenses: SKU ids) and puts them on (addLicenses: {skuId, disabledPlans}) at once:
 * "remove" takes the seat's SKU off, "downgrade" swaps it for the cheaper SKU the admin named,
 * and undo does the reverse. Graph wants both lists in every call, empty or not.
 */
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { parseGraph, userSchema } from '../microsoft-graph/schemas.js';
import type { ReclaimAction, SeatRecord, VendorCall } from '../types.js';
import type { Downgrades } from './downgrades.js';
import { readSeatRef, seatIds } from './seats.js';
import { skuLabel } from './skus.js';

export interface AssignLicenseBody {
  addLicenses: Array<{ skuId: string; disabledPlans: string[] }>;
  removeLicenses: string[];
}

export interface LicenseContext {
  http: HttpClient;
  /** The admin's downgrades; throws ConnectorError ('config') when they do not parse. */
  downgrades(): Downgrades;
  /** A SKU id by part number from this run's subscribedSkus, when they were read. */
  skuIdOf(part: string): string | undefined;
}

export interface LicenseCalls {
  plan(seat: SeatRecord, action: ReclaimAction | undefined, undo: boolean): VendorCall;
  run(seat: SeatRecord, action: ReclaimAction | undefined, undo: boolean): Promise<void>;
}

const who = (seat: SeatRecord): string => seat.email || seat.userId;

export function m365Licenses(ctx: LicenseContext): LicenseCalls {
  const { http } = ctx;

  const call = (user: string, body: AssignLicenseBody): VendorCall => ({
    method: 'POST',
    url: `${http.baseUrl.replace(/\/+$/, '')}/users/${encodeURIComponent(user)}/assignLicense`,
    body,
  });

  function targetsOf(seat: SeatRecord): string[] {
    return [...(ctx.downgrades().get(seat.licenseType) ?? [])];
  }

  /** The target's SKU id in this tenant: this run's subscribedSkus, else what the download noted on the seat. */
  function targetSkuId(seat: SeatRecord, part: string): string {
    const id = ctx.skuIdOf(part) ?? readSeatRef(seat).t?.[part];
    if (!id) {
      throw new ConnectorError(
        'config',
        `Seatwise does not know ${skuLabel(part)} in this tenant, so it cannot move ${who(seat)} to it: download seats again (the tenant must subscribe to ${part}).`,
      );
    }
    return id;
  }

  /** The cheaper SKU of a downgrade: the runner's choice (downgradeTo) or the first one named. */
  function downgradeTarget(seat: SeatRecord): string {
    const targets = targetsOf(seat);
    if (targets.length === 0) {
      throw new ConnectorError(
        'config',
        `No cheaper license is named for ${skuLabel(seat.licenseType)}, so ${who(seat)} cannot be moved down: add one under Downgrades (e.g. ${seat.licenseType}=SPE_E3) or remove the license instead.`,
      );
    }
    const target = seat.downgradeTo ?? (targets[0] as string);
    if (!targets.includes(target)) {
      throw new ConnectorError('config', `${skuLabel(seat.licenseType)} can be moved down to ${targets.join(' or ')}, not to "${target}".`);
    }
    return target;
  }

  /**
   * The cheaper SKUs an undone downgrade may have moved the seat to. The runner names it in
   * downgradeTo when it knows; when downgradeTo is the seat's own SKU (the tier it had) or
   * absent, every target named for it, now or at download, is a candidate.
   */
  function undoTargets(seat: SeatRecord): string[] {
    if (seat.downgradeTo && seat.downgradeTo !== seat.licenseType) return [seat.downgradeTo];
    const known = new Set([...targetsOf(seat), ...Object.keys(readSeatRef(seat).t ?? {})]);
    return [...known];
  }

  function body(seat: SeatRecord, action: ReclaimAction | undefined, undo: boolean): { user: string; body: AssignLicenseBody } {
    const { user, skuId } = seatIds(seat);
    const disabledPlans = readSeatRef(seat).d ?? [];
    switch (action ?? 'remove') {
      case 'remove':
        return undo
          ? { user, body: { addLicenses: [{ skuId, disabledPlans }], removeLicenses: [] } }
          : { user, body: { addLicenses: [], removeLicenses: [skuId] } };
      case 'downgrade': {
        if (!undo) {
          const target = targetSkuId(seat, downgradeTarget(seat));
          return { user, body: { addLicenses: [{ skuId: target, disabledPlans: [] }], removeLicenses: [skuId] } };
        }
        const parts = undoTargets(seat);
        if (parts.length === 0) {
          throw new ConnectorError('config', `Seatwise does not know which license ${who(seat)} was moved to, so it cannot restore ${skuLabel(seat.licenseType)}: assign it in the Microsoft 365 admin center.`);
        }
        const remove = parts.map((p) => targetSkuId(seat, p)).filter((id) => id !== skuId);
        return { user, body: { addLicenses: [{ skuId, disabledPlans }], removeLicenses: remove } };
      }
      default:
        throw new ConnectorError('config', `Microsoft 365 takes a license back by removing it or moving the user to a cheaper one; "${action}" is not offered (a disabled account still holds its license).`);
    }
  }

  /** The SKUs the user holds now: an undo takes off only the cheaper license actually there. */
  async function heldSkus(user: string): Promise<Set<string>> {
    const res = await http.request({ url: `/users/${encodeURIComponent(user)}`, query: { $select: 'id,assignedLicenses' } });
    const parsed = parseGraph(userSchema, res.body, 'GET /users/{id}');
    return new Set((parsed.assignedLicenses ?? []).map((l) => l.skuId));
  }

  return {
    plan(seat, action, undo) {
      const planned = body(seat, action, undo);
      return call(planned.user, planned.body);
    },
    async run(seat, action, undo) {
      const planned = body(seat, action, undo);
      if (undo && action === 'downgrade' && planned.body.removeLicenses.length > 1) {
        const held = await heldSkus(planned.user);
        planned.body.removeLicenses = planned.body.removeLicenses.filter((id) => held.has(id));
      }
      const request = call(planned.user, planned.body);
      // 200 with the user on success; a refusal (no free license, a license inherited from a
      // group) arrives as the client's error with Graph's own reason.
      await http.request({ method: 'POST', url: request.url, body: request.body });
    },
  };
}
