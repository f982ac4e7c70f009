/**
 * The sync pipeline: download, then activity, then candidates. Each
 * step commits only what it finished; a failure leaves the last good state in place.
 */
import { setMaxListeners } from 'node:events';
import { ActivityUnavailableError, ConnectorError } from '../../connectors/http/errors.js';
import { connectorEntry } from '../../connectors/registry.js';
import type { ActivityRecord, DirectoryPerson, SyncProgress } from '../../connectors/types.js';
import { saveIdentityProviderPeople } from '../directory/service.js';
import type { JobResult, ReclaimResult } from '../../preload/contract.js';
import type { EventBus } from '../events/bus.js';
import { isPendingCandidate, profileStats, recomputeCandidates } from '../reclamation/recompute.js';
import type { SubscriptionRecord } from '../reclamation/types.js';
import { countSeats } from '../subscriptions/seat-counts.js';
import type { AliasRecord, ProfileRecord } from '../store/schema.js';
import type { DataStore } from '../store/data-store.js';
import type { SecretStore } from '../vault/secret-store.js';
import { applyActivity, applySsoActivity, readActivity } from './activity.js';
import { updateCatalog } from './catalog.js';
import { openConnector, type LiveConnector } from './connection.js';
import { applyOwnedSeats, readOwnedSeats } from './owned-seats.js';
import { download } from './download.js';
import type { JobRecorder } from './job-recorder.js';

const DAY_MS = 86_400_000;

type ActivityNoteRecord = NonNullable<ProfileRecord['activityNote']>;
/** Activity windows overlap by a day so an event logged late is not missed. */
const ACTIVITY_OVERLAP_MS = DAY_MS;

export interface PipelineDeps {
  store: DataStore;
  vault: SecretStore;
  events: EventBus;
  now: () => Date;
  /** Job retention: applied whenever a job record is saved. */
  prune?: (jobs: JobResult[]) => JobResult[];
  /**
   * The pipeline's last step: reclaim what rules set to reclaim automatically allow (approved
   * seats, past their notice date), where the profile's reclaim process is on. Null: nothing was due.
   */
  reclaimStep?: (profileId: string, signal: AbortSignal) => Promise<ReclaimResult | null>;
  /** An identity provider's sync changed the directory: every other profile's leavers may have changed. */
  onDirectoryChanged?: (profileId: string) => Promise<void>;
}

export class PipelineCancelled extends Error {}

/** The download committed but activity failed: candidates stay as they were. */
export class ActivityStepFailed extends Error {
  constructor(reason: string) {
    super(`Activity could not be read, so candidates were not recomputed: ${reason}`);
  }
}

/** What one run is given beyond its profile: a file-imported source's new export. */
export interface RunInput {
  /** The export's text (descriptor.fileImport); absent, the last import's seats are kept. */
  fileText?: string;
}

export async function runPipeline(deps: PipelineDeps, profileId: string, recorder: JobRecorder, signal: AbortSignal, input: RunInput = {}): Promise<void> {
  const profile = requireProfile(deps.store.root.profiles, profileId);
  if (!connectorEntry(profile.vendor)) throw new ConnectorError('config', `Seatwise has no connector for ${profile.vendor}.`);

  // The run's own signal for its connectors: a failed download also stops the activity read
  // running beside it, so nothing is fetched for a run that will commit nothing.
  const run = new AbortController();
  // Every request and every request waiting for a slot listens on this one signal, and each
  // stops listening when it ends: many listeners are expected here, not a leak.
  setMaxListeners(0, run.signal);
  const stop = (): void => run.abort();
  signal.addEventListener('abort', stop, { once: true });
  try {
    return await runSteps(deps, profileId, recorder, signal, run, input);
  } finally {
    signal.removeEventListener('abort', stop);
    run.abort();
  }
}

async function runSteps(deps: PipelineDeps, profileId: string, recorder: JobRecorder, signal: AbortSignal, run: AbortController, input: RunInput): Promise<void> {
  const { store } = deps;
  const profile = requireProfile(store.root.profiles, profileId);
  const aliases = profileAliases(store.root.aliases, profile);
  const entry = connectorEntry(profile.vendor)!;
  const connectors = new Map<string, LiveConnector>();
  const progress = (update: Partial<SyncProgress>): void => {
    deps.events.emit('sync:progress', {
      profileId,
      jobId: recorder.job.id,
      phase: update.phase ?? 'download',
      pages: update.pages ?? 0,
      users: update.users ?? 0,
      fraction: null,
      message: update.message,
    });
  };
  const opening = new Map<string, Promise<LiveConnector>>();
  const open = (alias: AliasRecord): Promise<LiveConnector> => {
    let live = opening.get(alias.id);
    if (!live) {
      live = openConnector({
        alias,
        vault: deps.vault,
        signal: run.signal,
        now: deps.now,
        progress,
        ...(alias.profileId === profileId && input.fileText !== undefined ? { input: input.fileText } : {}),
        onNeedsSignIn: (reason) => void markNeedsSignIn(store, alias.id, reason, deps.now()).catch(() => undefined),
      }).then((opened) => {
        connectors.set(alias.id, opened);
        return opened;
      });
      opening.set(alias.id, live);
    }
    return live;
  };
  const requests = (): number => [...connectors.values()].reduce((n, c) => n + c.http.requestCount, 0);

  // Activity is read beside the download: the two chains do not depend on each other.
  const analysisStart = analysisStartOf(profile, deps.now());
  const readsActivity = profile.processes.activity.enabled && entry.descriptor.activitySupported;
  const since = profile.lastActivitySyncAt ? new Date(Date.parse(profile.lastActivitySyncAt) - ACTIVITY_OVERLAP_MS) : analysisStart;
  const activityRead = readsActivity ? settle(readActivity({ aliases, open, since, progress })) : undefined;
  // SSO sign-ins to the linked identity provider app, read beside both.
  const sso = profile.processes.activity.enabled ? ssoSourceOf(store, profile) : undefined;
  const ssoSince = profile.sso?.lastReadAt ? new Date(Date.parse(profile.sso.lastReadAt) - ACTIVITY_OVERLAP_MS) : analysisStart;
  const ssoRead = sso ? settle(readSignIns(() => open(sso.alias), sso.appId, ssoSince)) : undefined;

  // 1. Download: held in memory until every org and page has arrived, then one atomic commit.
  recorder.startPhase('download');
  await recorder.save();
  const keepsImport = entry.descriptor.fileImport === true && input.fileText === undefined;
  const kept = keepsImport ? await store.snapshot(profileId) : null;
  if (keepsImport && !kept) {
    throw new ConnectorError('config', `"${profile.name}" has no export imported yet: import one with seatwise profiles import "${profile.name}" --file users.csv.`);
  }
  // A file-imported source synced with no new export (the schedule, sync --all) keeps the last
  // import's seats as they are and refreshes what does not come from the file: SSO sign-ins,
  // the directory's leavers, candidates.
  const downloaded = kept ? { subscriptions: kept.subscriptions, orgs: kept.orgs, pages: 0 } : await download({
    profileId,
    aliases,
    open,
    previous: await store.previousSeats(profileId),
    now: deps.now(),
    progress,
    onWhoami: (aliasId, who) => void recordWhoami(store, aliasId, who).catch(() => undefined),
  });
  // An identity provider's people, read with its download: committed with it or not at all.
  const people = await directoryPeopleOf(aliases, open);
  checkCancelled(signal);
  const subscriptions = downloaded.subscriptions;
  const commit = (): Promise<void> => store.commitSnapshot({ profileId, jobId: recorder.job.id, committedAt: deps.now().toISOString(), orgs: downloaded.orgs, subscriptions });
  // A run that reads activity commits its seats once, with the activity merged in (or, when
  // the activity step fails or the run is cancelled, as they stand then): encoding and writing
  // a snapshot is most of a run's own work, so it is not done twice. An identity provider's
  // people are saved with the download, so its snapshot is committed with them at once.
  const activityStep = profile.processes.activity.enabled && (entry.descriptor.activitySupported || ssoRead !== undefined);
  let committed = !(activityStep && !people);
  if (committed) await commit();
  if (people) await saveIdentityProviderPeople(store, profile, entry.descriptor.displayName, people, deps.now().toISOString());
  // Set in the activity section, read after it.
  let note: ActivityNoteRecord | undefined;
  let ssoOk = false;
  let ownedSeats: Map<string, number> | undefined;
  try {
    const owned = await ownedSeatsOf(aliases, open, signal);
    const seats = countSeats(subscriptions);
    recorder.job.counts = {
      ...recorder.job.counts,
      seats: seats.paid,
      freeSeats: seats.free,
      deactivatedSeats: seats.deactivated,
      subscriptions: seats.listed,
      pages: downloaded.pages,
      requests: requests(),
    };
    recorder.endPhase(
      'succeeded',
      keepsImport
        ? `No new export: the last import's ${subscriptions.length} subscriptions are kept (a new one: seatwise profiles import "${profile.name}" --file F)`
        : `${subscriptions.length} subscriptions from ${aliases.length} org(s)${owned.note}`,
    );
    ownedSeats = owned.seats;
    await recorder.save();

    // 2. Activity. Only activity actually read can make anyone inactive: turned off, not
    // supported or unavailable at the vendor means no inactivity candidates at all.
    if (!profile.processes.activity.enabled) {
      note = { reason: 'turned_off', message: 'Activity analysis is turned off for this profile.' };
      recorder.skipPhase('activity', `${note.message} No inactivity candidates are made.`);
    } else if (!activityStep) {
      note = { reason: 'not_supported', message: `${entry.descriptor.displayName} reports no user activity.` };
      recorder.skipPhase('activity', `${note.message} No inactivity candidates are made.`);
    } else {
      recorder.startPhase('activity');
      const said: string[] = [];
      const fail = (error: unknown): never => {
        recorder.endPhase('failed', (error as Error).message);
        recorder.job.counts.requests = requests();
        throw new ActivityStepFailed((error as Error).message);
      };
      let vendorOk = false;
      let unavailable: string | undefined = entry.descriptor.activitySupported ? undefined : `${entry.descriptor.displayName} reports no user activity.`;
      if (activityRead) {
        try {
          const read = await (await activityRead)();
          applyActivity(subscriptions, read);
          vendorOk = true;
          said.push(`${read.events} activity events since ${since.toISOString().slice(0, 10)}`);
        } catch (error) {
          if (!(error instanceof ActivityUnavailableError)) fail(error);
          unavailable = (error as Error).message;
        }
      }
      if (ssoRead && sso) {
        try {
          const events = await (await ssoRead)();
          const matched = applySsoActivity(subscriptions, events);
          ssoOk = true;
          said.push(`${matched} SSO sign-ins to ${sso.appLabel} through ${sso.idpName} since ${ssoSince.toISOString().slice(0, 10)}`);
        } catch (error) {
          if (!(error instanceof ActivityUnavailableError)) fail(error);
          said.push(`SSO sign-ins through ${sso.idpName}: ${(error as Error).message}`);
          if (!vendorOk) unavailable = [unavailable, (error as Error).message].filter(Boolean).join(' ');
        }
      }
      if (vendorOk || ssoOk) {
        if (unavailable && ssoOk) said.push(`${unavailable} Activity comes from SSO sign-ins only.`);
        recorder.endPhase('succeeded', said.join('; '));
      } else {
        note = { reason: 'unavailable', message: unavailable ?? 'No activity could be read.' };
        recorder.endPhase('skipped', `${note.message} No inactivity candidates are made.`);
      }
      checkCancelled(signal);
      // Marked first: a commit that fails is not tried again below.
      committed = true;
      await commit();
    }
  } catch (error) {
    // The download stands whatever happened after it: owned seats, activity, a cancel.
    if (!committed) await commit();
    throw error;
  }
  // What the committed download says about the catalog and the seats owned, saved after it.
  await store.update((root) => {
    updateCatalog(root, profileId, entry.descriptor, subscriptions, deps.now());
    if (ownedSeats) applyOwnedSeats(root, profileId, ownedSeats, heldPaidTypes(subscriptions), currencyOf(root, profileId));
  });
  const activityAvailable = note === undefined;
  recorder.job.activityAvailable = activityAvailable;

  // 3. Candidates.
  recorder.startPhase('candidates');
  const candidates = await recomputeCandidates(store, profileId, subscriptions, { now: deps.now(), analysisStart, activityAvailable });
  const pending = candidates.filter(isPendingCandidate);
  recorder.endPhase('succeeded', activityAvailable ? `${pending.length} candidates` : 'Activity is not available: no inactivity candidates.');
  recorder.job.counts.candidates = pending.length;
  recorder.job.counts.requests = requests();

  await store.update((root) => {
    const p = requireProfile(root.profiles, profileId);
    p.activityAvailable = activityAvailable;
    if (note) p.activityNote = note;
    else delete p.activityNote;
    p.lastRunAt = deps.now().toISOString();
    if (ssoOk && p.sso) p.sso.lastReadAt = recorder.job.startedAt;
    if (profile.processes.activity.enabled && activityAvailable) {
      p.lastActivitySyncAt = recorder.job.startedAt;
      p.analysisStart = analysisStart.toISOString();
    } else p.analysisStart ??= analysisStart.toISOString();
    p.stats = profileStats(subscriptions, candidates);
    p.lastJobId = recorder.job.id;
    delete p.attention;
  });
  if (people) await deps.onDirectoryChanged?.(profileId);
}

/** The identity provider app a profile's SSO activity comes from, when it is linked to one that still exists. */
function ssoSourceOf(store: DataStore, profile: ProfileRecord): { alias: AliasRecord; appId: string; appLabel: string; idpName: string } | undefined {
  const link = profile.sso;
  if (!link) return undefined;
  const idp = store.root.profiles.find((p) => p.id === link.idpProfileId);
  const alias = idp ? store.root.aliases.find((a) => a.id === idp.aliasId) : undefined;
  if (!idp || !alias) return undefined;
  return { alias, appId: link.appId, appLabel: link.appLabel, idpName: idp.name };
}

async function readSignIns(open: () => Promise<LiveConnector>, appId: string, since: Date): Promise<ActivityRecord[]> {
  const directory = (await open()).connector.directory;
  if (!directory) throw new ConnectorError('config', 'The linked profile is not an identity provider.');
  const out: ActivityRecord[] = [];
  for await (const page of directory.signIns(appId, since)) out.push(...page);
  return out;
}

/**
 * The people an identity provider profile knows (undefined for any other vendor): from its
 * download where the seats are its users, else from its directory listing.
 */
async function directoryPeopleOf(aliases: AliasRecord[], open: (alias: AliasRecord) => Promise<LiveConnector>): Promise<DirectoryPerson[] | undefined> {
  let out: DirectoryPerson[] | undefined;
  for (const alias of aliases) {
    const { connector } = await open(alias);
    if (!connector.directory) continue;
    out ??= [];
    const downloaded = connector.downloadedPeople?.();
    if (downloaded) out.push(...downloaded);
    else for await (const page of connector.directory.people()) out.push(...page);
  }
  return out;
}

/** Seats owned where the vendor reports them; a refusal is a note in the job, never a failed sync. */
async function ownedSeatsOf(
  aliases: AliasRecord[],
  open: (alias: AliasRecord) => Promise<LiveConnector>,
  signal: AbortSignal,
): Promise<{ seats?: Map<string, number>; note: string }> {
  try {
    const seats = await readOwnedSeats(aliases, open);
    if (!seats) return { note: '' };
    return { seats, note: `; seats owned read for ${seats.size} license type(s)` };
  } catch (error) {
    checkCancelled(signal);
    return { note: `; seats owned could not be read (${(error as Error).message})` };
  }
}

function heldPaidTypes(subscriptions: SubscriptionRecord[]): Set<string> {
  const types = new Set<string>();
  for (const s of subscriptions) if (s.active && s.paid) types.add(s.licenseType);
  return types;
}

/** A new entitlement takes the currency the profile's other entitlements use. */
function currencyOf(root: { entitlements: { profileId: string; currency: string }[] }, profileId: string): string {
  return root.entitlements.find((e) => e.profileId === profileId)?.currency ?? 'USD';
}

function requireProfile(profiles: ProfileRecord[], profileId: string): ProfileRecord {
  const profile = profiles.find((p) => p.id === profileId);
  if (!profile) throw new ConnectorError('config', `Profile ${profileId} no longer exists.`);
  return profile;
}

export function profileAliases(aliases: AliasRecord[], profile: ProfileRecord): AliasRecord[] {
  const own = aliases.filter((a) => a.profileId === profile.id);
  return [...own.filter((a) => a.id === profile.aliasId), ...own.filter((a) => a.id !== profile.aliasId)];
}

/**
 * "Analyze user activity from": fixed once the log was read from it. Until then (the first
 * sync, or a new look-back) it is the look-back before now, and the log is read from there.
 */
function analysisStartOf(profile: ProfileRecord, now: Date): Date {
  if (profile.analysisStart && profile.lastActivitySyncAt) return new Date(profile.analysisStart);
  return new Date(now.getTime() - profile.processes.activity.lookbackDays * DAY_MS);
}

/**
 * Holds a promise's outcome without letting a rejection go unhandled while the download runs;
 * the caller gets it (value or error) when it asks.
 */
function settle<T>(promise: Promise<T>): Promise<() => T> {
  return promise.then(
    (value) => () => value,
    (error: unknown) => () => {
      throw error;
    },
  );
}

function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new PipelineCancelled('The sync was cancelled.');
}

async function setAttention(store: DataStore, profileId: string, kind: 'needs_signin' | 'failing' | 'needs_attention', reason: string, now: Date): Promise<void> {
  await store.update((root) => {
    const p = root.profiles.find((x) => x.id === profileId);
    if (p) p.attention = { kind, reason, at: now.toISOString() };
  });
}

async function markNeedsSignIn(store: DataStore, aliasId: string, reason: string, now: Date): Promise<void> {
  await store.update((root) => {
    const alias = root.aliases.find((a) => a.id === aliasId);
    if (!alias) return;
    alias.status = 'needs_signin';
    const p = root.profiles.find((x) => x.id === alias.profileId);
    if (p) p.attention = { kind: 'needs_signin', reason, at: now.toISOString() };
  });
}

async function recordWhoami(store: DataStore, aliasId: string, who: { userId: string; name: string; email?: string }): Promise<void> {
  await store.update((root) => {
    const alias = root.aliases.find((a) => a.id === aliasId);
    if (!alias) return;
    alias.connectedAs = who.email ? `${who.name} <${who.email}>` : who.name;
    alias.connectedUserId = who.userId;
    alias.status = 'connected';
  });
}

export { setAttention };
