/**
 * The slice of Microsoft Graph v1.0 the connectors read, validated at the boundary: a page of
 * the wrong shape becomes a clear 'malformed' error instead of a seat with no id, and an id
 * that is not a GUID never reaches a request path.
 */
import { z } from 'zod';
import { ConnectorError } from '../http/errors.js';
import { isGuid } from './defaults.js';

const guid = z.string().refine(isGuid, 'not a GUID');
/** An ISO 8601 instant; Graph writes null for "never". */
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');
const optionalInstant = instant.nullable().optional();
const optionalText = z.string().nullable().optional();

/** A collection page: `value`, and `@odata.nextLink` (the full URL of the next page) until the last. */
export function collectionSchema<T extends z.ZodType>(item: T) {
  return z.object({ value: z.array(item), '@odata.nextLink': z.string().min(1).nullable().optional() });
}

export const assignedLicenseSchema = z.object({ skuId: guid, disabledPlans: z.array(z.string()).nullable().optional() });

/**
 * signInActivity (Entra ID P1/P2 and AuditLog.Read.All): the last interactive sign-in attempt
 * and the last non-interactive one (a client using a refresh token, say), each null when never.
 */
export const signInActivitySchema = z.object({
  lastSignInDateTime: optionalInstant,
  lastNonInteractiveSignInDateTime: optionalInstant,
  lastSuccessfulSignInDateTime: optionalInstant,
});

export const userSchema = z.object({
  id: guid,
  displayName: optionalText,
  mail: optionalText,
  userPrincipalName: optionalText,
  accountEnabled: z.boolean().nullable().optional(),
  createdDateTime: optionalInstant,
  assignedLicenses: z.array(assignedLicenseSchema).nullable().optional(),
  signInActivity: signInActivitySchema.nullable().optional(),
});
export type GraphUser = z.infer<typeof userSchema>;

/** licenseUnitsDetail: units per subscription state. */
export const licenseUnitsSchema = z.object({
  enabled: z.number().int().nonnegative().nullable().optional(),
  suspended: z.number().int().nonnegative().nullable().optional(),
  warning: z.number().int().nonnegative().nullable().optional(),
  lockedOut: z.number().int().nonnegative().nullable().optional(),
});

export const subscribedSkuSchema = z.object({
  skuId: guid,
  skuPartNumber: z.string().min(1).max(200),
  appliesTo: optionalText,
  capabilityStatus: optionalText,
  consumedUnits: z.number().int().nonnegative().nullable().optional(),
  prepaidUnits: licenseUnitsSchema.nullable().optional(),
});
export type GraphSubscribedSku = z.infer<typeof subscribedSkuSchema>;

export const servicePrincipalSchema = z.object({
  id: guid,
  appId: guid,
  displayName: optionalText,
  accountEnabled: z.boolean().nullable().optional(),
  servicePrincipalType: optionalText,
});
export type GraphServicePrincipal = z.infer<typeof servicePrincipalSchema>;

export const signInSchema = z.object({
  id: z.string().min(1),
  createdDateTime: instant,
  userId: z.string().nullable().optional(),
  userPrincipalName: optionalText,
  appId: z.string().nullable().optional(),
  /** errorCode 0 is a successful sign-in; anything else a failure or an interrupted one. */
  status: z.object({ errorCode: z.number().int().nullable().optional() }).nullable().optional(),
});
export type GraphSignIn = z.infer<typeof signInSchema>;

export const organizationSchema = z.object({ id: guid, displayName: optionalText });

/** Checks a response body against its schema; names the request in the error, never the data. */
export function parseGraph<T extends z.ZodType>(schema: T, body: unknown, label: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || 'body';
    throw new ConnectorError('malformed', `Microsoft Graph returned an unexpected response (${label}): ${where} is missing or of the wrong type.`);
  }
  return result.data;
}
