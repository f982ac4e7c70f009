/**
 * Reclaim at GitHub is a seat cancellation: DELETE /orgs/{org}/copilot/billing/selected_users
 * sets the seat to pending cancellation, and the person keeps Copilot until the end of the
 * billing cycle. Undo ("Re-add") is POST on the same path. Each seat is read first
 * (GET /orgs/{org}/members/{username}/copilot): GitHub cannot cancel a seat it assigned through
 * a team, and a seat already pending cancellation is not cancelled again, so both are refused
 * with that reason instead of being reported reclaimed.
 */
import { ConnectorError } from '../http/errors.js';
import type { ReclaimAction, SeatRecord, VendorCall } from '../types.js';
import { githubDay, githubErrorMessage, parseGithub, seatSchema, seatsCancelledSchema, seatsCreatedSchema } from './api.js';
import type { GithubApi } from './request.js';

const SELECTED_USERS = 'selected_users';
const SEAT_LABEL = 'GET /orgs/{org}/members/{username}/copilot';
const CANCEL_LABEL = 'DELETE /orgs/{org}/copilot/billing/selected_users';
const ADD_LABEL = 'POST /orgs/{org}/copilot/billing/selected_users';

/** Cancelling is the only way GitHub's API gives a Copilot seat back (no freeze, no cheaper tier). */
function onlyRemove(action: ReclaimAction | undefined): void {
  if (action !== undefined && action !== 'remove') {
    throw new ConnectorError('config', `GitHub Copilot seats are taken back by cancelling them; "${action}" is not offered.`);
  }
}

/** The login the request bodies take: the reclaimRef the download set (the name, for older records). */
export function loginOf(seat: SeatRecord): string {
  const login = seat.reclaimRef?.trim() || seat.name.trim();
  if (!login) throw new ConnectorError('config', 'This GitHub seat has no login: download seats again before reclaiming it.');
  return login;
}

export interface GithubReclaim {
  plan(seat: SeatRecord, action: ReclaimAction | undefined, undo: boolean): VendorCall;
  run(seat: SeatRecord, action: ReclaimAction | undefined, undo: boolean): Promise<void>;
}

export function githubReclaim(api: GithubApi, org: () => string): GithubReclaim {
  const orgPath = (): string => `/orgs/${encodeURIComponent(org())}`;

  const plan = (seat: SeatRecord, action: ReclaimAction | undefined, undo: boolean): VendorCall => {
    onlyRemove(action);
    const base = api.baseUrl.replace(/\/+$/, '');
    return { method: undo ? 'POST' : 'DELETE', url: `${base}${orgPath()}/copilot/billing/${SELECTED_USERS}`, body: { selected_usernames: [loginOf(seat)] } };
  };

  /** The seat as GitHub has it now; refuses what a cancellation cannot or need not change. */
  async function checkCancellable(login: string): Promise<void> {
    const res = await api.request({ url: `${orgPath()}/members/${encodeURIComponent(login)}/copilot`, label: SEAT_LABEL, acceptStatus: [404, 422] });
    if (res.status === 404) {
      throw new ConnectorError('not_found', `${login} has no Copilot seat in the GitHub organization ${org()} any more (${githubErrorMessage(res.body) ?? 'Not Found'}): nothing to cancel.`, { status: 404 });
    }
    if (res.status === 422) {
      const said = githubErrorMessage(res.body) ?? 'HTTP 422';
      throw new ConnectorError('bad_request', `GitHub would not show the Copilot seat of ${login} (${SEAT_LABEL}): ${said}.`, { status: 422, vendorMessage: said });
    }
    const seat = parseGithub(seatSchema, res.body, SEAT_LABEL);
    const team = seat.assigning_team;
    if (team) {
      const named = team.name || team.slug ? `the team "${team.name || team.slug}"${team.slug && team.name ? ` (${team.slug})` : ''}` : 'a team';
      throw new ConnectorError(
        'forbidden',
        `GitHub gives ${login} Copilot through ${named}: a seat assigned through a team cannot be cancelled per person, so Seatwise changed nothing. Remove ${login} from that team (or the team from Copilot access) in GitHub; the seat then goes at the end of the billing cycle.`,
      );
    }
    const pending = githubDay(seat.pending_cancellation_date, 'pending_cancellation_date', SEAT_LABEL);
    if (pending) {
      throw new ConnectorError('bad_request', `The Copilot seat of ${login} is already pending cancellation: GitHub ends it on ${pending}. Seatwise changed nothing.`);
    }
  }

  async function cancel(call: VendorCall, login: string): Promise<void> {
    await checkCancellable(login);
    const res = await api.request({ method: 'DELETE', url: call.url, body: call.body, label: CANCEL_LABEL, acceptStatus: [422] });
    if (res.status === 422) {
      const said = githubErrorMessage(res.body) ?? 'HTTP 422';
      throw new ConnectorError(
        'bad_request',
        `GitHub refused to cancel the Copilot seat of ${login}: ${said}. GitHub cancels seats per person only when the organization gives Copilot to selected members, and never a seat assigned through a team.`,
        { status: 422, vendorMessage: said },
      );
    }
    const { seats_cancelled: cancelled } = parseGithub(seatsCancelledSchema, res.body, CANCEL_LABEL);
    if (cancelled < 1) throw new ConnectorError('bad_request', `GitHub cancelled no seat for ${login} (seats_cancelled: 0): the seat was not changed.`);
  }

  async function reAdd(call: VendorCall, login: string): Promise<void> {
    const res = await api.request({ method: 'POST', url: call.url, body: call.body, label: ADD_LABEL, acceptStatus: [422] });
    if (res.status === 422) {
      const said = githubErrorMessage(res.body) ?? 'HTTP 422';
      throw new ConnectorError('bad_request', `GitHub refused to give ${login} a Copilot seat again: ${said}.`, { status: 422, vendorMessage: said });
    }
    const { seats_created: created } = parseGithub(seatsCreatedSchema, res.body, ADD_LABEL);
    if (created < 1) throw new ConnectorError('bad_request', `GitHub created or refreshed no seat for ${login} (seats_created: 0).`);
  }

  return {
    plan,
    async run(seat, action, undo) {
      const call = plan(seat, action, undo);
      const login = loginOf(seat);
      await (undo ? reAdd(call, login) : cancel(call, login));
    },
  };
}
