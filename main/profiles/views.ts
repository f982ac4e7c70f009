import type { ConnectionView, JobResult, ProfileDetail, ProfileSummary } from '../../preload/contract.js';
import { connectorEntry } from '../../connectors/registry.js';
import type { AliasRecord, ProfileRecord, RootData } from '../store/schema.js';
import { shownConnectedAs } from './identity.js';

type Health = ProfileSummary['health'];

function activityHint(profile: ProfileRecord): string {
  const hint = connectorEntry(profile.vendor)?.descriptor.activityHint ?? '';
  return profile.activityNote?.reason === 'turned_off' ? `Turn on activity analysis in the profile's processes. ${hint}`.trim() : hint;
}

function health(profile: ProfileRecord, lastJob: JobResult | undefined): { health: Health; reason?: string } {
  if (profile.attention) return { health: profile.attention.kind === 'needs_signin' ? 'needs_signin' : profile.attention.kind, reason: profile.attention.reason };
  if (!lastJob) return { health: 'never_synced' };
  if (lastJob.state === 'failed') return { health: 'failing', reason: lastJob.error };
  return { health: 'ok' };
}

export function connectionView(alias: AliasRecord): ConnectionView {
  const s = alias.settings;
  return {
    aliasId: alias.id,
    label: alias.label,
    baseUrl: s.baseUrl,
    grantType: s.grantType,
    clientId: s.clientId,
    username: s.username,
    authorizeUrl: s.authorizeUrl,
    tokenUrl: s.tokenUrl,
    revokeUrl: s.revokeUrl,
    scopes: s.scopes ?? [],
    redirectPort: s.redirectPort,
    options: { ...s.options },
    hasSecret: alias.secretKinds.length > 0,
    status: alias.status,
    connectedAs: shownConnectedAs(alias.connectedAs, s.baseUrl),
    expiresAt: alias.expiresAt,
    lastValidation: alias.lastValidation,
  };
}

export function profileSummary(profile: ProfileRecord, root: RootData, lastJob: JobResult | undefined, nextSyncAt: Date | undefined): ProfileSummary {
  const { health: h, reason } = health(profile, lastJob);
  const alias = root.aliases.find((a) => a.id === profile.aliasId);
  const orgs = root.aliases.filter((a) => a.profileId === profile.id).length;
  return {
    id: profile.id,
    name: profile.name,
    vendor: profile.vendor,
    preset: profile.preset,
    status: profile.status,
    health: h,
    healthReason: reason,
    seats: profile.stats.seats,
    freeSeats: profile.stats.freeSeats,
    deactivatedSeats: profile.stats.deactivatedSeats ?? 0,
    orgs,
    candidates: profile.stats.candidates,
    monthlySavings: profile.stats.monthlySavings,
    currency: profile.stats.currency,
    unpricedCandidates: profile.stats.unpricedCandidates ?? 0,
    activityAvailable: profile.activityAvailable,
    activityNote: profile.activityAvailable === false && profile.activityNote ? { ...profile.activityNote, hint: activityHint(profile) } : undefined,
    lastSync: lastJob
      ? { jobId: lastJob.id, at: lastJob.finishedAt ?? lastJob.startedAt, status: lastJob.state === 'queued' ? 'running' : lastJob.state, error: lastJob.error }
      : undefined,
    nextSyncAt: profile.status === 'published' && nextSyncAt ? nextSyncAt.toISOString() : undefined,
    connectedAs: alias ? shownConnectedAs(alias.connectedAs, alias.settings.baseUrl) : undefined,
    createdAt: profile.createdAt,
  };
}

export function profileDetail(profile: ProfileRecord, root: RootData, lastJob: JobResult | undefined, nextSyncAt: Date | undefined): ProfileDetail {
  const aliases = root.aliases.filter((a) => a.profileId === profile.id);
  const primary = aliases.find((a) => a.id === profile.aliasId);
  if (!primary) throw new Error(`Profile ${profile.id} has no connection record.`);
  return {
    ...profileSummary(profile, root, lastJob, nextSyncAt),
    processes: profile.processes,
    connection: connectionView(primary),
    extraOrgs: aliases.filter((a) => a.id !== primary.id).map(connectionView),
    licenseTypes: profile.stats.licenseTypes.map((t) => ({ ...t, deactivated: t.deactivated ?? 0 })),
    sso: profile.sso
      ? {
          idpProfileId: profile.sso.idpProfileId,
          idpProfileName: root.profiles.find((p) => p.id === profile.sso!.idpProfileId)?.name ?? profile.sso.idpProfileId,
          appId: profile.sso.appId,
          appLabel: profile.sso.appLabel,
          ...(profile.sso.lastReadAt ? { lastReadAt: profile.sso.lastReadAt } : {}),
        }
      : undefined,
  };
}
