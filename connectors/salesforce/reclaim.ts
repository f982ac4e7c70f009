/**
 * The two ways Seatwise gives a Salesforce seat back, and their undo:
 *
 * - remove: deactivate the user (PATCH /sobjects/User/{Id} {"IsActive": false}); undo
 *   reactivates. Salesforce refuses to deactivate a user that automation or a default setting
 *   points at (the Default Workflow User, the Web-to-Lead default creator, a hierarchy field,
 *   a workflow email alert's recipient...) with 400 FIELD_INTEGRITY_EXCEPTION: that refusal
 *   becomes a DeactivationRefusedError saying what to change in Setup, with Freeze offered.
 * - freeze: UserLogin.IsFrozen = true (PATCH /sobjects/UserLogin/{Id}), found by
 *   SELECT Id, IsFrozen FROM UserLogin WHERE UserId = '...'; undo unfreezes. The user cannot
 *   sign in, stays active and keeps the license.
 *
 * Every URL is built on http.baseUrl, the instance the sign-in named.
 */
import { z } from 'zod';
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import type { ReclaimAction, SeatRecord, VendorCall } from '../types.js';
import { DATA_PATH, parseSalesforce, QUERY_PATH, queryResultSchema, salesforceErrorCodes, salesforceErrorMessage } from './api.js';
import { createSalesforceDowngrade } from './downgrade.js';
import { requestLabel, sfRequest } from './sf-request.js';

/** Salesforce ids are 15 or 18 letters and digits: anything else never reaches a SOQL string or a URL. */
export const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export type SalesforceReclaimAction = Extract<ReclaimAction, 'remove' | 'freeze' | 'downgrade'>;

/** The action asked for, or a config error for one Salesforce has no equivalent of. */
export function salesforceAction(action: ReclaimAction | undefined): SalesforceReclaimAction {
  const chosen = action ?? 'remove';
  if (chosen === 'remove' || chosen === 'freeze' || chosen === 'downgrade') return chosen;
  throw new ConnectorError(
    'config',
    `Seatwise cannot "${String(chosen)}" a Salesforce user: choose "Deactivate the user", "Freeze the user" or "Move to a cheaper user license".`,
  );
}

/**
 * Salesforce would not deactivate the user because something in the org points at them.
 * `alternative` names the action that still works for this seat, so the reclaim run can offer it.
 */
export class DeactivationRefusedError extends ConnectorError {
  readonly alternative: ReclaimAction = 'freeze';
  constructor(
    message: string,
    /** Salesforce's errorCode, e.g. FIELD_INTEGRITY_EXCEPTION. */
    readonly vendorErrorCode: string,
    vendorMessage: string,
  ) {
    super('bad_request', message, { status: 400, vendorMessage });
  }
}

const userLoginSchema = z.object({ Id: z.string().min(1), IsFrozen: z.boolean().nullish() });

/** What a refusal names, and where in Setup to change it (Salesforce Help's articles on deactivation errors). */
const BLOCKERS: ReadonlyArray<{ match: RegExp; fix: string }> = [
  { match: /default workflow user/i, fix: 'choose another Default Workflow User in Setup › Process Automation Settings' },
  { match: /web.?to.?lead/i, fix: 'choose another Default Lead Creator in Setup › Web-to-Lead' },
  { match: /case/i, fix: 'choose another Default Case Owner and Automated Case User in Setup › Support Settings' },
  { match: /lead owner/i, fix: 'choose another Default Lead Owner in Setup › Lead Settings' },
  { match: /hierarchy field/i, fix: 'remove the user from that hierarchy field on the other users (Setup › Users, or Data Loader for many)' },
  { match: /email alert/i, fix: 'give the workflow email alert another recipient (a queue or an active user)' },
];

export function createSalesforceReclaim(http: HttpClient, signal?: AbortSignal) {
  const base = (): string => `${http.baseUrl.replace(/\/+$/, '')}${DATA_PATH}`;
  const downgrade = createSalesforceDowngrade(http, signal);

  function checkedId(seat: SeatRecord): string {
    if (!SALESFORCE_ID.test(seat.userId)) {
      throw new ConnectorError('config', `"${seat.userId}" is not a Salesforce user id: download seats again before reclaiming.`);
    }
    return seat.userId;
  }

  const activeCall = (seat: SeatRecord, isActive: boolean): VendorCall => ({
    method: 'PATCH',
    url: `${base()}/sobjects/User/${checkedId(seat)}`,
    body: { IsActive: isActive },
  });

  /**
   * The UserLogin id is only known after a query, so the planned call names the record it will
   * patch: the user's UserLogin, looked up by UserId just before.
   */
  const frozenCall = (seat: SeatRecord, isFrozen: boolean, loginId?: string): VendorCall => ({
    method: 'PATCH',
    url: `${base()}/sobjects/UserLogin/${loginId ?? `{UserLogin of ${checkedId(seat)}}`}`,
    body: { IsFrozen: isFrozen },
  });

  function plan(seat: SeatRecord, action: ReclaimAction | undefined, undo: boolean): VendorCall {
    const chosen = salesforceAction(action);
    if (chosen === 'downgrade') return downgrade.plan(seat, checkedId(seat), undo);
    return chosen === 'remove' ? activeCall(seat, undo) : frozenCall(seat, !undo);
  }

  async function deactivate(seat: SeatRecord): Promise<void> {
    const call = activeCall(seat, false);
    const res = await sfRequest(http, { method: 'PATCH', url: call.url, body: call.body, acceptStatus: [400] });
    if (res.status === 400) throw deactivationError(seat, call, res.body);
  }

  async function reactivate(seat: SeatRecord): Promise<void> {
    const call = activeCall(seat, true);
    // 400 LICENSE_LIMIT_EXCEEDED when no license of the type is free: the client's message quotes it.
    await sfRequest(http, { method: 'PATCH', url: call.url, body: call.body });
  }

  async function userLoginOf(seat: SeatRecord): Promise<string> {
    const soql = `SELECT Id, IsFrozen FROM UserLogin WHERE UserId = '${checkedId(seat)}'`;
    const res = await sfRequest(http, { url: QUERY_PATH, query: { q: soql }, acceptStatus: [400] });
    if (res.status === 400) {
      // Salesforce answers an object the user may not see as one that does not exist.
      const message = salesforceErrorMessage(res.body) ?? 'HTTP 400';
      if (salesforceErrorCodes(res.body).includes('INVALID_TYPE')) throw freezeForbidden(message);
      throw new ConnectorError('bad_request', `Salesforce refused to look up the user's sign-in record (GET ${QUERY_PATH}): ${message}.`, {
        status: 400,
        vendorMessage: message,
      });
    }
    const page = parseSalesforce(queryResultSchema(userLoginSchema), res.body, `GET ${QUERY_PATH}`);
    const login = page.records[0];
    if (!login) {
      throw new ConnectorError(
        'not_found',
        `Salesforce has no sign-in record (UserLogin) for ${seat.email || seat.userId}, so Seatwise cannot freeze or unfreeze them; Salesforce may create it only once the user has signed in. Deactivate the user instead, or freeze them in Setup › Users.`,
      );
    }
    return login.Id;
  }

  async function setFrozen(seat: SeatRecord, isFrozen: boolean): Promise<void> {
    const loginId = await userLoginOf(seat);
    const call = frozenCall(seat, isFrozen, loginId);
    const res = await sfRequest(http, { method: 'PATCH', url: call.url, body: call.body, acceptStatus: [403] });
    if (res.status === 403) throw freezeForbidden(salesforceErrorMessage(res.body) ?? 'HTTP 403');
  }

  return {
    plan,
    offer: downgrade.offer,
    async run(seat: SeatRecord, action: ReclaimAction | undefined): Promise<void> {
      const chosen = salesforceAction(action);
      if (chosen === 'downgrade') await downgrade.run(seat, checkedId(seat), false);
      else if (chosen === 'remove') await deactivate(seat);
      else await setFrozen(seat, true);
    },
    async undo(seat: SeatRecord, action: ReclaimAction | undefined): Promise<void> {
      const chosen = salesforceAction(action);
      if (chosen === 'downgrade') await downgrade.run(seat, checkedId(seat), true);
      else if (chosen === 'remove') await reactivate(seat);
      else await setFrozen(seat, false);
    },
  };
}

function freezeForbidden(vendorMessage: string): ConnectorError {
  return new ConnectorError(
    'forbidden',
    `Salesforce did not let the connected user freeze or unfreeze users: that needs the "Freeze Users" permission, or "Manage Users", which includes it. Grant it with a permission set. Salesforce said: ${vendorMessage}`,
    { status: 403, vendorMessage },
  );
}

/** A 400 on deactivation: the vendor's reason in plain words, and Freeze offered where it applies. */
function deactivationError(seat: SeatRecord, call: VendorCall, body: unknown): ConnectorError {
  const message = salesforceErrorMessage(body) ?? 'HTTP 400';
  const code = salesforceErrorCodes(body)[0] ?? '';
  const who = seat.email || seat.userId;
  const refused = code === 'FIELD_INTEGRITY_EXCEPTION' || /cannot (deactivate|inactivate|disable)/i.test(message);
  if (!refused || /yourself/i.test(message)) {
    return new ConnectorError('bad_request', `Salesforce rejected the deactivation of ${who} (${requestLabel({ method: 'PATCH', url: call.url })}): ${message}.`, {
      status: 400,
      vendorMessage: message,
    });
  }
  const fix = BLOCKERS.find((b) => b.match.test(message))?.fix ?? 'reassign what Salesforce names to another active user in Setup';
  return new DeactivationRefusedError(
    `Salesforce refused to deactivate ${who} because something in the org still points at them: ${message}. To deactivate, ${fix}, then reclaim again. Meanwhile Freeze stops them signing in; their license stays in use until they are deactivated.`,
    code,
    message,
  );
}
