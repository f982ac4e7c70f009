/**
 * The slice of Salesforce's REST API the connector reads, validated at the boundary: a JSON
 * page of the wrong shape becomes a clear 'malformed' error instead of a seat with no id.
 */
import { z } from 'zod';
import { ConnectorError } from '../http/errors.js';

export const SALESFORCE_API_VERSION = 'v62.0';
export const DATA_PATH = `/services/data/${SALESFORCE_API_VERSION}`;
export const QUERY_PATH = `${DATA_PATH}/query`;

/** Relationship fields come back as null when the related record is missing or hidden. */
const named = z.object({ Name: z.string().nullish() });

export const userRecordSchema = z.object({
  Id: z.string().min(1),
  Username: z.string().nullish(),
  Email: z.string().nullish(),
  Name: z.string().nullish(),
  IsActive: z.boolean(),
  UserType: z.string().nullish(),
  LastLoginDate: z.string().nullish(),
  CreatedDate: z.string().nullish(),
  ProfileId: z.string().nullish(),
  Profile: named.extend({ UserLicense: named.nullish() }).nullish(),
});
export type SalesforceUserRecord = z.infer<typeof userRecordSchema>;

export const userLicenseRecordSchema = z.object({
  Name: z.string().min(1),
  TotalLicenses: z.number().int(),
  UsedLicenses: z.number().int(),
});

export const idRecordSchema = z.object({ Id: z.string().min(1) });

export function queryResultSchema<T extends z.ZodType>(item: T) {
  return z.object({
    totalSize: z.number().int(),
    done: z.boolean(),
    nextRecordsUrl: z.string().min(1).optional(),
    records: z.array(item),
  });
}

/** GET /services/oauth2/userinfo (OpenID Connect fields plus Salesforce's own). */
export const userinfoSchema = z.object({
  user_id: z.string().min(1),
  organization_id: z.string().optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  email: z.string().optional(),
  user_type: z.string().optional(),
  active: z.boolean().optional(),
});

/** Checks a response body against its schema; names the request in the error, never the data. */
export function parseSalesforce<T extends z.ZodType>(schema: T, body: unknown, label: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || 'body';
    throw new ConnectorError('malformed', `Salesforce returned an unexpected response (${label}): ${where} is missing or of the wrong type.`);
  }
  return result.data;
}

const restErrors = z.array(z.object({ message: z.string(), errorCode: z.string().optional() })).min(1);
const oauthError = z.object({ error: z.string(), error_description: z.string().optional() });

/** The errorCode of a REST error body ([{"message","errorCode","fields"}]), if any. */
export function salesforceErrorCodes(body: unknown): string[] {
  const parsed = restErrors.safeParse(body);
  return parsed.success ? parsed.data.flatMap((e) => (e.errorCode ? [e.errorCode] : [])) : [];
}

/**
 * The human message of a Salesforce error: REST errors ([{"message","errorCode"}]), OAuth
 * errors ({"error","error_description"}), or the identity endpoints' bare text ("Bad_OAuth_Token").
 */
export function salesforceErrorMessage(body: unknown): string | undefined {
  const rest = restErrors.safeParse(body);
  if (rest.success) return rest.data.map((e) => (e.errorCode ? `${e.message} (${e.errorCode})` : e.message)).join('; ');
  const oauth = oauthError.safeParse(body);
  if (oauth.success) return oauth.data.error_description ? `${oauth.data.error_description} (${oauth.data.error})` : oauth.data.error;
  // Short bare words only: a long text body is an HTML page, not a message.
  if (typeof body === 'string' && /^[\w .,:-]{1,80}$/.test(body.trim())) return body.trim();
  return undefined;
}

/** Salesforce datetimes read "2024-05-01T12:34:56.000+0000": made ISO 8601 UTC here. */
export function salesforceDate(value: string | null | undefined, label: string): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const t = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(t)) {
    throw new ConnectorError('malformed', `Salesforce returned an unexpected response (${label}): a date is not a valid datetime.`);
  }
  return new Date(t).toISOString();
}
