/**
 * One cheap real call per process. GitHub has no dry run for a seat change, so the reclaim
 * check reads the organization's Copilot settings (owners only; the seat management setting
 * must be "selected members") and then:
 * - for a classic token, reads the scopes GitHub lists for it (X-OAuth-Scopes);
 * - for a fine-grained token or a GitHub App, which have no such header, asks GitHub to cancel
 *   the seat of a login that cannot exist (GitHub logins never start with a hyphen): a token
 *   without write permission is refused with 403 ("Resource not accessible by ..."), one with
 *   it is answered about the unknown login, and no seat can change either way.
 */
import { ConnectorError } from '../http/errors.js';
import type { ProbeResult, ProcessName } from '../types.js';
import { orgDetailsSchema, parseGithub, seatsPageSchema, type GithubOrgDetails } from './api.js';
import { GITHUB_SCOPES } from './descriptor.js';
import { SEATS_LABEL } from './pages.js';
import type { GithubApi } from './request.js';

export const RECLAIM_PROBE_LOGIN = '-seatwise-permission-check';
export const DETAILS_LABEL = 'GET /orgs/{org}/copilot/billing';
const CANCEL_LABEL = 'DELETE /orgs/{org}/copilot/billing/selected_users';
const WRITE_SCOPES: readonly string[] = [GITHUB_SCOPES.copilot, GITHUB_SCOPES.adminOrg];

const SETTING_WORDS: Readonly<Record<string, string>> = {
  assign_all: 'gives Copilot to all members',
  disabled: 'has Copilot access disabled',
  unconfigured: 'has not configured Copilot access',
};

export async function orgDetails(api: GithubApi, org: string): Promise<{ details: GithubOrgDetails; headers: Headers }> {
  const res = await api.request({ url: `/orgs/${encodeURIComponent(org)}/copilot/billing`, label: DETAILS_LABEL });
  return { details: parseGithub(orgDetailsSchema, res.body, DETAILS_LABEL), headers: res.headers };
}

async function probeReclaim(api: GithubApi, org: string): Promise<ProbeResult> {
  const process = 'reclaim';
  const { details, headers } = await orgDetails(api, org);
  const setting = details.seat_management_setting;
  if (setting !== 'assign_selected') {
    return {
      process,
      ok: false,
      message: `The organization ${org} ${SETTING_WORDS[setting] ?? `has the Copilot seat management setting "${setting}"`}: GitHub cancels seats per person only when Copilot goes to selected members. Change it under Organization settings > Copilot > Access, or leave reclaim off.`,
    };
  }
  const scopes = headers.get('x-oauth-scopes');
  if (scopes !== null) {
    const has = scopes.split(',').map((s) => s.trim()).filter(Boolean);
    return has.some((s) => WRITE_SCOPES.includes(s))
      ? { process, ok: true, message: `The token has ${GITHUB_SCOPES.copilot} and its owner owns ${org}, so Seatwise can cancel Copilot seats and re-add them.` }
      : {
          process,
          ok: false,
          message: `The token lacks the ${GITHUB_SCOPES.copilot} scope (it has: ${has.join(', ') || 'no scopes'}): GitHub lets it read seats but not cancel them. Add the scope to the token, or leave reclaim off.`,
        };
  }
  try {
    await api.request({
      method: 'DELETE',
      url: `/orgs/${encodeURIComponent(org)}/copilot/billing/selected_users`,
      body: { selected_usernames: [RECLAIM_PROBE_LOGIN] },
      label: CANCEL_LABEL,
      acceptStatus: [404, 422],
    });
  } catch (err) {
    if (err instanceof ConnectorError && err.code === 'forbidden') {
      return {
        process,
        ok: false,
        message: `GitHub does not let this token cancel Copilot seats in ${org} (${err.options.vendorMessage ?? 'HTTP 403'}): give it the "${GITHUB_SCOPES.permissionLabel}" organization permission with read and write, or leave reclaim off.`,
      };
    }
    throw err;
  }
  return { process, ok: true, message: `The token may change Copilot seats in ${org} ("${GITHUB_SCOPES.permissionLabel}": write), so Seatwise can cancel seats and re-add them.` };
}

export async function probeGithub(api: GithubApi, org: string, process: ProcessName): Promise<ProbeResult> {
  switch (process) {
    case 'download': {
      const res = await api.request({ url: `/orgs/${encodeURIComponent(org)}/copilot/billing/seats`, query: { per_page: 1 }, label: SEATS_LABEL });
      const page = parseGithub(seatsPageSchema, res.body, SEATS_LABEL);
      const count = page.total_seats === undefined ? '' : `${page.total_seats} `;
      return { process, ok: true, message: `Seatwise can list the ${count}Copilot seats of the GitHub organization ${org}.` };
    }
    case 'activity': {
      const res = await api.request({ url: `/orgs/${encodeURIComponent(org)}/copilot/billing/seats`, query: { per_page: 1 }, label: SEATS_LABEL });
      parseGithub(seatsPageSchema, res.body, SEATS_LABEL);
      return {
        process,
        ok: true,
        message: `Seatwise can read each seat's last Copilot activity and authentication in ${org}; they come with the seat listing. GitHub records IDE activity only when the user has telemetry on.`,
      };
    }
    case 'reclaim':
      return probeReclaim(api, org);
  }
}
