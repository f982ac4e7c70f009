/** GitHub Copilot seat assignments as Seatwise seats. */
import type { SeatRecord } from '../types.js';
import { githubDay, githubInstant, type GithubSeat } from './api.js';
import { GITHUB_LICENSE_TYPES } from './descriptor.js';

const PLANS: Readonly<Record<string, string>> = {
  business: GITHUB_LICENSE_TYPES.business,
  enterprise: GITHUB_LICENSE_TYPES.enterprise,
};

/** The license type of a plan_type; undefined when GitHub names none (absent or "unknown"). */
export function planLicenseType(planType: string | null | undefined): string | undefined {
  return planType ? PLANS[planType] : undefined;
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Whether GitHub names the plan of this seat itself (otherwise the organization's plan is used). */
export function seatNamesPlan(seat: GithubSeat): boolean {
  return planLicenseType(seat.plan_type) !== undefined;
}

/**
 * One seat, or undefined for a seat with no assignee (GitHub's assignee is nullable): nothing
 * can be reclaimed or matched without a login. `orgPlan`: the organization's plan_type, for a
 * seat that names none.
 *
 * - userId is GitHub's numeric user id (stable across renames); the login is the reclaimRef,
 *   since the reclaim and undo bodies take logins (selected_usernames), and the name, since
 *   GitHub rarely shows a display name. Email is GitHub's only where the person made it
 *   public: matching logins to the directory otherwise is the admin's login mapping.
 * - A seat with a pending_cancellation_date is already going at the end of the cycle: it is
 *   reported inactive, so that it holds no seat for the pipeline and is never a candidate.
 * - Every Copilot Business and Enterprise seat is billed, pending ones included until the
 *   cycle ends, so `paid` is always true.
 * - lastActivityAt is the later of last_activity_at and last_authenticated_at; a seat with
 *   neither has no activity recorded (IDE activity needs telemetry on).
 */
export function seatToRecord(seat: GithubSeat, label: string, orgPlan?: string | null): SeatRecord | undefined {
  const assignee = seat.assignee;
  if (!assignee) return undefined;
  const pending = githubDay(seat.pending_cancellation_date, 'pending_cancellation_date', label);
  const record: SeatRecord = {
    userId: String(assignee.id),
    email: assignee.email?.trim() ?? '',
    name: assignee.login,
    licenseType: planLicenseType(seat.plan_type) ?? planLicenseType(orgPlan) ?? GITHUB_LICENSE_TYPES.unknown,
    active: pending === undefined,
    admin: false,
    // GitHub marks no owner on a seat; main marks the connected account itself.
    owner: false,
    paid: true,
    reclaimRef: assignee.login,
  };
  const startedAt = githubInstant(seat.created_at, 'created_at', label);
  if (startedAt) record.startedAt = startedAt;
  const last = later(githubInstant(seat.last_activity_at, 'last_activity_at', label), githubInstant(seat.last_authenticated_at, 'last_authenticated_at', label));
  if (last) record.lastActivityAt = last;
  return record;
}
