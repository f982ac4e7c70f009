/**
 * The JSON GitHub answers with, as its OpenAPI description shapes it: simple-user (the seat's
 * assignee), team, copilot-seat-details, copilot-organization-details, private-user and
 * organization-full (the fields the connector and an admin would look at).
 */
import type { GithubOrg, GithubSeedMember, GithubSeedTeam, SeedUser } from './seed.js';

const nodeId = (kind: string, id: number): string => Buffer.from(`${kind}:${id}`).toString('base64');

/** nullable-simple-user. email and name only where the member made them public. */
export function simpleUser(u: SeedUser, api: string, publicEmail: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    login: u.login,
    id: u.id,
    node_id: nodeId('04:User', u.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: '',
    url: `${api}/users/${u.login}`,
    html_url: `https://github.com/${u.login}`,
    followers_url: `${api}/users/${u.login}/followers`,
    following_url: `${api}/users/${u.login}/following{/other_user}`,
    gists_url: `${api}/users/${u.login}/gists{/gist_id}`,
    starred_url: `${api}/users/${u.login}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/users/${u.login}/subscriptions`,
    organizations_url: `${api}/users/${u.login}/orgs`,
    repos_url: `${api}/users/${u.login}/repos`,
    events_url: `${api}/users/${u.login}/events{/privacy}`,
    received_events_url: `${api}/users/${u.login}/received_events`,
    type: 'User',
    site_admin: false,
    user_view_type: 'public',
  };
  if (publicEmail) {
    view.name = u.name;
    view.email = u.email;
  } else if (u.id % 2 === 0) {
    // GitHub sends "email": null for some users and leaves it out for others.
    view.email = null;
  }
  return view;
}

export function teamView(t: GithubSeedTeam, api: string, org: GithubOrg): Record<string, unknown> {
  return {
    id: t.id,
    node_id: nodeId('04:Team', t.id),
    url: `${api}/organizations/${org.id}/team/${t.id}`,
    html_url: `https://github.com/orgs/${org.login}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${api}/organizations/${org.id}/team/${t.id}/members{/member}`,
    repositories_url: `${api}/organizations/${org.id}/team/${t.id}/repos`,
    parent: null,
    type: 'organization',
    organization_id: org.id,
  };
}

/** copilot-seat-details (additionalProperties: false: only its own fields). */
export function seatView(m: GithubSeedMember, api: string, org: GithubOrg): Record<string, unknown> {
  const seat = m.seat;
  if (!seat) throw new RangeError(`${m.login} holds no seat`);
  const view: Record<string, unknown> = {
    created_at: seat.createdAt,
    updated_at: seat.createdAt,
    pending_cancellation_date: seat.pendingCancellationDate ?? null,
    last_activity_at: seat.lastActivityAt ?? null,
    last_activity_editor: seat.lastActivityEditor ?? null,
    last_authenticated_at: seat.lastAuthenticatedAt ?? null,
    plan_type: seat.planType,
    assignee: simpleUser(m, api, m.publicEmail),
  };
  const team = seat.teamSlug ? org.teams.find((t) => t.slug === seat.teamSlug) : undefined;
  if (team) view.assigning_team = teamView(team, api, org);
  return view;
}

/** copilot-organization-details: the seat breakdown counted from the seats as they are now. */
export function orgDetailsView(org: GithubOrg): Record<string, unknown> {
  const seats = org.members.filter((m) => m.seat).map((m) => m.seat!);
  const cycleStart = Date.parse(`${org.cycleStart}T00:00:00Z`);
  const active = seats.filter((s) => {
    const t = s.lastActivityAt ? Date.parse(s.lastActivityAt) : NaN;
    return t >= cycleStart;
  }).length;
  return {
    seat_breakdown: {
      total: seats.length,
      added_this_cycle: seats.filter((s) => Date.parse(s.createdAt) >= cycleStart).length,
      pending_invitation: 0,
      pending_cancellation: seats.filter((s) => s.pendingCancellationDate).length,
      active_this_cycle: active,
      inactive_this_cycle: seats.length - active,
    },
    seat_management_setting: org.seatManagementSetting,
    ide_chat: 'enabled',
    platform_chat: 'enabled',
    cli: 'enabled',
    public_code_suggestions: 'block',
    plan_type: org.planType,
  };
}

export function privateUserView(u: SeedUser, api: string): Record<string, unknown> {
  return {
    ...simpleUser(u, api, true),
    user_view_type: 'private',
    bio: null,
    blog: '',
    company: null,
    location: null,
    hireable: null,
    twitter_username: null,
    public_repos: 3,
    public_gists: 0,
    followers: 1,
    following: 0,
    created_at: '2015-03-01T10:00:00Z',
    updated_at: '2026-01-01T10:00:00Z',
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

export function orgView(org: GithubOrg, api: string): Record<string, unknown> {
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId('012:Organization', org.id),
    url: `${api}/orgs/${org.login}`,
    repos_url: `${api}/orgs/${org.login}/repos`,
    events_url: `${api}/orgs/${org.login}/events`,
    hooks_url: `${api}/orgs/${org.login}/hooks`,
    issues_url: `${api}/orgs/${org.login}/issues`,
    members_url: `${api}/orgs/${org.login}/members{/member}`,
    public_members_url: `${api}/orgs/${org.login}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: null,
    name: org.name,
    html_url: `https://github.com/${org.login}`,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 12,
    public_gists: 0,
    followers: 0,
    following: 0,
    type: 'Organization',
    created_at: '2018-05-01T09:00:00Z',
    updated_at: '2026-01-01T09:00:00Z',
    archived_at: null,
  };
}
