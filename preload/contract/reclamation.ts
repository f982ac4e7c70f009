/**
 * Reclamation: candidates, rules, exclusions, entitlements, reconciliation, reclaim with dry
 * run and undo, the audit log and candidate export.
 */
import { z } from 'zod';
import { idSchema, okOutput } from './common.js';
import { method } from './method.js';

export const candidateStatusSchema = z.enum(['open', 'approved', 'rejected', 'reclaimed', 'failed', 'resolved']);
export type CandidateStatusName = z.infer<typeof candidateStatusSchema>;

export const candidateRowSchema = z.object({
  id: idSchema,
  profileId: idSchema,
  profileName: z.string(),
  vendor: z.string(),
  orgId: z.string(),
  subscriptionId: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  licenseType: z.string(),
  lastActivityAt: z.string().optional(),
  inactiveSince: z.string(),
  daysInactive: z.number().int(),
  ruleId: z.string(),
  ruleName: z.string(),
  thresholdDays: z.number().int(),
  status: candidateStatusSchema,
  monthlyCost: z.number().nullable(),
  currency: z.string().nullable(),
  /** What reclaiming it by its rule's action saves a month: the price for a removal, the price difference for a downgrade; null when unknown. */
  monthlySaving: z.number().nullable().optional(),
  /** Why monthlySaving is unknown: "set a unit cost for TIER". */
  savingNote: z.string().optional(),
  /** Under a rule that downgrades: the tier the seat moves to. */
  downgradeTo: z.string().optional(),
  why: z.string(),
  /** With a "notify user" rule: the date written in the person's notice; nothing is reclaimed before it. */
  reclaimableAt: z.string().optional(),
  /** Approved (or needing no approval) under a rule set to reclaim automatically: the sync on or after this reclaims it. */
  autoReclaimAt: z.string().optional(),
  detectedAt: z.string(),
  resolvedAt: z.string().optional(),
  /** An app with no API: when the seat was written to a reclaim task list; still pending until marked reclaimed. */
  taskWrittenAt: z.string().optional(),
  /** "inactive", or "leaver": the directory says the person left (whatever their activity). */
  reason: z.enum(['inactive', 'leaver']),
  /** Where the last activity came from: "vendor" (the app's own log), "sso", or null when none was read. */
  activitySource: z.enum(['vendor', 'sso']).nullable(),
  /** No directory source knows the email (a personal or outside account); absent without a directory. */
  orphan: z.boolean().optional(),
});
export type CandidateRow = z.infer<typeof candidateRowSchema>;

export const ruleSchema = z.object({
  id: idSchema,
  profileId: idSchema,
  modelId: z.string().optional(),
  licenseType: z.string(),
  name: z.string(),
  thresholdDays: z.number().int(),
  notifyUser: z.boolean(),
  daysBeforeAutoReclaim: z.number().int(),
  approvalRequired: z.boolean(),
  reclaimWithoutApproval: z.boolean(),
  /** A sync may reclaim this rule's approved seats by itself; off unless the admin turns it on. */
  autoReclaim: z.boolean(),
  enabled: z.boolean(),
  /** Leavers of this license type (directory: suspended, deprovisioned, past their HR end date) are candidates. */
  leaversEnabled: z.boolean(),
  /** Days after leaving before a leaver's seat is a candidate (0: at once). */
  leaverDays: z.number().int(),
  /** How a reclaim that names no action gives this rule's seats back: remove, or downgrade to a cheaper tier. */
  action: z.enum(['remove', 'downgrade']),
  /** With action downgrade: the tier the vendor offered when it was set (the saving is the price difference to it). */
  downgradeTo: z.string().optional(),
});
export type RuleView = z.infer<typeof ruleSchema>;

export const rulePatchSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  thresholdDays: z.number().int().min(1).max(3650).optional(),
  notifyUser: z.boolean().optional(),
  daysBeforeAutoReclaim: z.number().int().min(0).max(365).optional(),
  approvalRequired: z.boolean().optional(),
  reclaimWithoutApproval: z.boolean().optional(),
  autoReclaim: z.boolean().optional(),
  enabled: z.boolean().optional(),
  leaversEnabled: z.boolean().optional(),
  leaverDays: z.number().int().min(0).max(3650).optional(),
  action: z.enum(['remove', 'downgrade']).optional(),
});
export type RulePatch = z.infer<typeof rulePatchSchema>;

export const exclusionKindSchema = z.enum(['user', 'licenseType']);
export const exclusionSchema = z.object({
  id: idSchema,
  kind: exclusionKindSchema,
  pattern: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  profileId: idSchema.optional(),
});
export type ExclusionView = z.infer<typeof exclusionSchema>;

export const entitlementSchema = z.object({
  profileId: idSchema,
  licenseType: z.string().min(1).max(200),
  owned: z.number().int().min(0).nullable(),
  unitCost: z.number().min(0).max(1_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as EUR'),
  period: z.enum(['month', 'year']),
  renewalDate: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'a date such as 2027-01-31').optional(),
});
/** What main answers: the entitlement, and whether its owned count comes from the vendor. */
export const entitlementViewSchema = entitlementSchema.extend({ ownedFromVendor: z.boolean().optional() });
export type EntitlementView = z.infer<typeof entitlementViewSchema>;
export type EntitlementInput = z.infer<typeof entitlementSchema>;

const reconciliationLineSchema = z.object({
  profileId: idSchema,
  licenseType: z.string(),
  owned: z.number().nullable(),
  used: z.number(),
  inactive: z.number(),
  pendingReclaim: z.number(),
  unassigned: z.number(),
  overAllocated: z.boolean(),
  overBy: z.number(),
  monthlyUnitCost: z.number().nullable(),
  currency: z.string().nullable(),
  monthlyWaste: z.number(),
  potentialMonthlySavings: z.number(),
  potentialAnnualSavings: z.number(),
  renewalDate: z.string().optional(),
  daysToRenewal: z.number().optional(),
});
export const reconciliationSchema = z.object({
  lines: z.array(reconciliationLineSchema),
  renewals: z.array(
    z.object({
      profileId: idSchema,
      licenseType: z.string(),
      renewalDate: z.string(),
      daysToRenewal: z.number(),
      owned: z.number().nullable(),
      used: z.number(),
      inactive: z.number(),
      recommendedSeats: z.number(),
    }),
  ),
  totals: z.array(z.object({ currency: z.string(), monthlyWaste: z.number(), potentialMonthlySavings: z.number(), potentialAnnualSavings: z.number() })),
});

export const vendorCallSchema = z.object({ method: z.string(), url: z.string(), body: z.unknown().optional() });

export const reclaimActionSchema = z.enum(['remove', 'freeze', 'downgrade']);
export type ReclaimActionName = z.infer<typeof reclaimActionSchema>;

/** What the action does at the vendor, from the vendor's documentation (connectors/types.ts ReclaimEffect). */
export const reclaimEffectSchema = z.object({
  action: reclaimActionSchema,
  label: z.string(),
  vendorChange: z.string(),
  adminTodo: z.string().optional(),
  saving: z.enum(['at_reclaim', 'when_owned_drops', 'end_of_billing_cycle']),
  undoLabel: z.string().optional(),
  undoRestores: z.enum(['everything', 'seat_only', 'nothing']),
  undoLoses: z.string().optional(),
});
export type ReclaimEffectView = z.infer<typeof reclaimEffectSchema>;

const seatRefSchema = z.object({
  candidateId: idSchema,
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  licenseType: z.string(),
});

/** What giving one seat back saves a month: a downgrade only the price difference; null when unknown. */
const seatSavingSchema = z.object({
  monthlySaving: z.number().nullable(),
  currency: z.string().nullable(),
  /** Why monthlySaving is unknown: "set a unit cost for TIER". */
  savingNote: z.string().optional(),
  /** For a downgrade: the tier the seat moves to (licenseType is the one it has). */
  downgradeTo: z.string().optional(),
});

/** The savings of a plan or a run, per currency, and the seats whose saving is unknown (never counted as 0). */
const savingsTotalSchema = {
  savings: z.array(z.object({ currency: z.string(), monthly: z.number() })).optional(),
  unknownSavings: z.number().int().optional(),
};

export const reclaimPlanSchema = z.object({
  profileId: idSchema,
  profileName: z.string(),
  vendor: z.string(),
  /** The exact vendor calls a real run would make, one per seat. */
  calls: z.array(seatRefSchema.extend({ call: vendorCallSchema }).extend(seatSavingSchema.partial().shape)),
  /** Selected candidates that will not be reclaimed, and why. */
  skipped: z.array(z.object({ candidateId: idSchema, email: z.string(), reason: z.string() })),
  /** A real run with more than this many seats needs `confirmCount` equal to the count. */
  confirmAbove: z.number().int(),
  /** What the chosen action does at the vendor, and the other actions it offers. */
  effect: reclaimEffectSchema,
  actions: z.array(reclaimEffectSchema),
  ...savingsTotalSchema,
});
export type ReclaimPlan = z.infer<typeof reclaimPlanSchema>;

export const reclaimOutcomeSchema = seatRefSchema.extend({
  outcome: z.enum(['reclaimed', 'failed', 'skipped']),
  /** For a failed seat, the vendor's own reason; for a skipped one, why it was skipped. */
  message: z.string().optional(),
  auditId: z.string().optional(),
  /** The vendor call made (reclaimed and failed seats). */
  call: vendorCallSchema.optional(),
  /** What changed at the vendor, what the admin still has to do there, what Undo restores. */
  effect: reclaimEffectSchema.optional(),
  /** For a failed seat: other actions the vendor offers (Salesforce: freeze when deactivation is refused). */
  alternatives: z.array(reclaimActionSchema).optional(),
}).extend(seatSavingSchema.partial().shape);
export const reclaimResultSchema = z.object({
  profileId: idSchema,
  reclaimed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  outcomes: z.array(reclaimOutcomeSchema),
  /** What the seats reclaimed save a month (not the failed or skipped ones). */
  ...savingsTotalSchema,
});
export type ReclaimResult = z.infer<typeof reclaimResultSchema>;

export const reclaimSelectionSchema = z.strictObject({
  profileId: idSchema,
  candidateIds: z.array(idSchema).min(1).max(100_000).optional(),
  approved: z.literal(true).optional(),
  /** One of the vendor's actions (plan.actions); default its first, removal. */
  action: reclaimActionSchema.optional(),
  /** Reclaim seats whose notice date has not come yet: only for seats named in candidateIds, audited as such. */
  ignoreNoticeDate: z.boolean().optional(),
});

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  profileId: z.string().optional(),
  target: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  message: z.string().optional(),
});
export type AuditEventView = z.infer<typeof auditEventSchema>;

const optionalProfile = z.strictObject({ profileId: idSchema.optional() });

export const reclamationMethods = {
  'candidates:list': method(z.strictObject({ profileId: idSchema.optional(), status: candidateStatusSchema.optional() }), z.array(candidateRowSchema)),
  'candidates:setStatus': method(
    z.strictObject({
      ids: z.array(idSchema).min(1).max(250_000),
      status: z.enum(['approved', 'rejected', 'open']),
      /** Why (a rejection: "on parental leave"); kept in the audit event of each candidate. */
      reason: z.string().trim().min(1).max(500).optional(),
    }),
    z.object({ updated: z.number().int(), unchanged: z.array(z.object({ id: z.string(), reason: z.string() })) }),
  ),
  'candidates:export': method(
    z.strictObject({
      profileId: idSchema.optional(),
      status: candidateStatusSchema.optional(),
      /** Only these candidates (a selection, or the rows a filter shows); all of the scope when absent. */
      candidateIds: z.array(idSchema).min(1).max(100_000).optional(),
      format: z.enum(['csv', 'json', 'xlsx']),
      out: z.string().min(1).max(4096).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'out must be an absolute path'),
    }),
    z.object({ path: z.string(), rows: z.number().int() }),
  ),
  'rules:list': method(optionalProfile, z.array(ruleSchema)),
  'rules:update': method(z.strictObject({ ruleId: idSchema, patch: rulePatchSchema }), ruleSchema),
  'exclusions:list': method(optionalProfile, z.array(exclusionSchema)),
  'exclusions:add': method(
    z.strictObject({ kind: exclusionKindSchema, pattern: z.string().min(1).max(320), reason: z.string().min(1).max(500), profileId: idSchema.optional() }),
    exclusionSchema,
  ),
  'exclusions:remove': method(z.strictObject({ id: idSchema }), okOutput),
  'entitlements:list': method(optionalProfile, z.array(entitlementViewSchema)),
  'entitlements:set': method(entitlementSchema.strict(), entitlementViewSchema),
  /** Forgets what is owned of one license type, and its cost: its seats become unpriced again. */
  'entitlements:remove': method(z.strictObject({ profileId: idSchema, licenseType: z.string().min(1).max(200) }), okOutput),
  'reconciliation:get': method(optionalProfile, reconciliationSchema),
  /** Dry run: the exact vendor calls, touching nothing. */
  'reclaim:plan': method(reclaimSelectionSchema, reclaimPlanSchema),
  'reclaim:run': method(reclaimSelectionSchema.extend({ confirmCount: z.number().int().min(0).optional() }), reclaimResultSchema),
  'reclaim:undo': method(z.strictObject({ auditId: z.string().min(1).max(200) }), z.object({ candidateId: idSchema, auditId: z.string(), status: candidateStatusSchema })),
  'audit:list': method(z.strictObject({ limit: z.number().int().min(1).max(100_000).optional() }), z.array(auditEventSchema)),
};
