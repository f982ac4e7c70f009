import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.js';
import { method } from './method.js';

/** Paid (held and billed), free (held, not billed) or deactivated (listed, holding no seat). */
export const seatKindSchema = z.enum(['paid', 'free', 'deactivated']);
export type SeatKind = z.infer<typeof seatKindSchema>;

export const subscriptionRowSchema = z.object({
  id: idSchema,
  profileId: idSchema,
  orgId: z.string(),
  orgLabel: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  licenseType: z.string(),
  active: z.boolean(),
  admin: z.boolean(),
  owner: z.boolean(),
  paid: z.boolean(),
  seat: seatKindSchema,
  startedAt: isoDateSchema.optional(),
  lastActivityAt: isoDateSchema.optional(),
  daysInactive: z.number().int().nullable(),
  /** No directory source knows the email (a personal or outside account on a company seat); absent without a directory. */
  orphan: z.boolean().optional(),
});
export type SubscriptionRow = z.infer<typeof subscriptionRowSchema>;

export const subscriptionsQuerySchema = z.strictObject({
  profileId: idSchema,
  search: z.string().max(200).optional(),
  licenseType: z.string().max(200).optional(),
  activity: z.enum(['all', 'active', 'inactive', 'never']).optional(),
  paid: z.boolean().optional(),
  orphan: z.boolean().optional(),
  sort: z
    .strictObject({
      by: z.enum(['name', 'email', 'licenseType', 'lastActivityAt', 'daysInactive', 'startedAt']),
      dir: z.enum(['asc', 'desc']),
    })
    .optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(250_000).optional(),
});

export const subscriptionMethods = {
  'subscriptions:list': method(subscriptionsQuerySchema, z.object({ total: z.number().int(), rows: z.array(subscriptionRowSchema) })),
};
