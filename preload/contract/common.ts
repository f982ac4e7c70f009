import { z } from 'zod';

export const idSchema = z.string().min(1).max(200);
export const isoDateSchema = z.string().datetime({ offset: true });
export const vendorSchema = z.enum(['asana', 'salesforce', 'calendly', 'custom', 'okta', 'entra', 'microsoft365', 'github', 'zoom', 'csv']);
export const grantTypeSchema = z.enum(['authorization_code', 'client_credentials', 'api_key', 'token']);
export const processSchema = z.enum(['download', 'activity', 'reclaim']);
export const emptyInput = z.strictObject({});
export const okOutput = z.object({ ok: z.literal(true) });
export const profileRef = z.strictObject({ profileId: idSchema });
