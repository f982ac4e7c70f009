/**
 * Reclaim at Zoom is a change of user type, never a removal: PATCH /users/{userId} with
 * type 1 (Basic) gives the license back and keeps the user; undo sets type 2 (Licensed).
 */
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import type { ReclaimAction, SeatRecord, VendorCall } from '../types.js';
import { ZOOM_LICENSE_TYPES, ZOOM_USER_TYPE_CODES } from './descriptor.js';

const DOWNGRADES: Readonly<Record<string, string[]>> = {
  [ZOOM_LICENSE_TYPES.licensed]: [ZOOM_LICENSE_TYPES.basic],
};

export function downgradeTargets(licenseType: string): string[] {
  return [...(DOWNGRADES[licenseType] ?? [])];
}

/** Only the downgrade is offered: removing a user would delete or disassociate their recordings. */
function onlyDowngrade(action: ReclaimAction | undefined): void {
  if (action !== undefined && action !== 'downgrade') {
    throw new ConnectorError(
      'config',
      `Zoom seats are taken back by downgrading the user to Basic; "${action}" is not offered (deleting a user would delete or disassociate their meetings and recordings).`,
    );
  }
}

function typeCode(tier: string): number {
  const code = (ZOOM_USER_TYPE_CODES as Record<string, number>)[tier];
  if (code === undefined) throw new ConnectorError('config', `Seatwise cannot set a Zoom user to "${tier}": only ${ZOOM_LICENSE_TYPES.basic} and ${ZOOM_LICENSE_TYPES.licensed} are offered.`);
  return code;
}

function reclaimTier(seat: SeatRecord): number {
  const targets = downgradeTargets(seat.licenseType);
  if (targets.length === 0) {
    throw new ConnectorError('config', `${seat.email || seat.userId} is a ${seat.licenseType} user, not a Licensed one: there is no Zoom license to take back.`);
  }
  const tier = seat.downgradeTo ?? targets[0] ?? ZOOM_LICENSE_TYPES.basic;
  if (!targets.includes(tier)) {
    throw new ConnectorError('config', `A Zoom ${seat.licenseType} user can be downgraded to ${targets.join(' or ')}, not to "${tier}".`);
  }
  return typeCode(tier);
}

/** Undo puts back the tier the seat had (downgradeTo, from the audit event); Zoom's only one is Licensed. */
function undoTier(seat: SeatRecord): number {
  const tier = seat.downgradeTo ?? ZOOM_LICENSE_TYPES.licensed;
  if (tier !== ZOOM_LICENSE_TYPES.licensed) {
    throw new ConnectorError('config', `Undo sets a Zoom user ${ZOOM_LICENSE_TYPES.licensed} again; "${tier}" is not a tier Seatwise downgrades from.`);
  }
  return typeCode(tier);
}

export interface ZoomReclaim {
  plan(seat: SeatRecord, action: ReclaimAction | undefined, undo: boolean): VendorCall;
  run(seat: SeatRecord, action: ReclaimAction | undefined, undo: boolean): Promise<void>;
}

export function zoomReclaim(http: HttpClient): ZoomReclaim {
  const plan = (seat: SeatRecord, action: ReclaimAction | undefined, undo: boolean): VendorCall => {
    onlyDowngrade(action);
    if (!seat.userId) throw new ConnectorError('config', 'This Zoom seat has no user id: download seats again before reclaiming it.');
    const type = undo ? undoTier(seat) : reclaimTier(seat);
    const base = http.baseUrl.replace(/\/+$/, '');
    return { method: 'PATCH', url: `${base}/users/${encodeURIComponent(seat.userId)}`, body: { type } };
  };
  return {
    plan,
    async run(seat, action, undo) {
      const call = plan(seat, action, undo);
      // 204 No Content on success; a refusal (no free license for undo, an unknown user)
      // arrives as the client's error with Zoom's own message.
      await http.request({ method: 'PATCH', url: call.url, body: call.body });
    },
  };
}
