/**
 * A first morning's work in the demo organisation, done through the real services once the
 * first sync of a new demo profile has finished: a few candidates approved, one seat
 * reclaimed at the simulator, one rejected, a rule loosened, a person excluded, a rule set to
 * downgrade instead of remove. Every step
 * writes its own genuine audit event, so the Audit and Reconciliation screens have something
 * true to show at first start. It runs once, when the profile is created; never on restarts.
 */
import type { Vendor } from '../../connectors/types.js';
import type { SeatwiseApp } from '../app.js';

/** Open candidates, the longest idle first: the ones an admin would look at first. */
async function openCandidates(app: SeatwiseApp, profileId: string) {
  const rows = await app.reclamation.candidates(profileId, 'open');
  return rows.sort((a, b) => b.daysInactive - a.daysInactive || a.email.localeCompare(b.email));
}

async function reviewAndReclaim(app: SeatwiseApp, profileId: string): Promise<void> {
  const open = await openCandidates(app, profileId);
  const approve = open.slice(0, 4).map((c) => c.id);
  const keep = open[4];
  if (approve.length > 0) await app.reclamation.setStatus(approve, 'approved');
  if (keep) await app.reclamation.setStatus([keep.id], 'rejected');
  const first = approve[0];
  // One seat actually reclaimed at the simulator: a real vendor call, a real `reclaim.seat`.
  if (first) await app.reclamation.reclaim.run({ profileId, candidateIds: [first], approved: true }, { confirmCount: 1 });
}

async function loosenRule(app: SeatwiseApp, profileId: string): Promise<void> {
  const [rule] = app.reclamation.rules(profileId).sort((a, b) => a.name.localeCompare(b.name));
  // Long sales cycles: a rep may not log in for a quarter and still need the seat.
  if (rule) await app.reclamation.updateRule(rule.id, { thresholdDays: 90, notifyUser: true });
}

async function excludeSomeone(app: SeatwiseApp, profileId: string): Promise<void> {
  const [person] = await openCandidates(app, profileId);
  if (person) await app.reclamation.addExclusion({ kind: 'user', pattern: person.email, reason: 'On parental leave until spring: keeps the seat', profileId });
}

async function downgradeInsteadOfRemove(app: SeatwiseApp, profileId: string): Promise<void> {
  const rule = app.reclamation.rules(profileId).find((r) => r.licenseType === 'SPE_E5');
  // An idle E5 seat moves to E3 rather than losing its mailbox: the saving is the difference.
  if (rule) await app.reclamation.updateRule(rule.id, { action: 'downgrade' });
}

const STEPS: Partial<Record<Vendor, (app: SeatwiseApp, profileId: string) => Promise<void>>> = {
  asana: reviewAndReclaim,
  salesforce: loosenRule,
  calendly: excludeSomeone,
  microsoft365: downgradeInsteadOfRemove,
};

/** The demo history of one new profile; a vendor without a step has none. */
export async function recordDemoHistory(app: SeatwiseApp, profileId: string, vendor: Vendor): Promise<void> {
  const step = STEPS[vendor];
  if (step) await step(app, profileId);
}
