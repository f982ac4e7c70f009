/**
 * The custom connector's configuration: how to read users, activity and reclaim from any REST
 * app. Stored as JSON in `settings.options.custom`; `settings.options.preset = "scim"` (with
 * no custom JSON) means the SCIM 2.0 preset below.
 */
import { z } from 'zod';
import { ConnectorError } from '../http/errors.js';
import type { ConnectionSettings } from '../types.js';
import { isValidPath } from './paths.js';

const dotted = z.string().min(1).refine(isValidPath, { message: 'not a readable dotted path' });
/** One path, or fallbacks tried in order: ["emails[primary eq true].value", "userName"]. */
const fieldPath = z.union([dotted, z.array(dotted).min(1)]);
const pageSize = z.number().int().min(1).max(10_000).default(100);

const offsetPaging = z.object({
  style: z.literal('offset'),
  offsetParam: z.string().min(1).default('offset'),
  limitParam: z.string().min(1).default('limit'),
  pageSize,
  /** Optional total in the body; without it the listing stops on an empty page. */
  totalPath: dotted.optional(),
});

const pagePaging = z.object({
  style: z.literal('page'),
  pageParam: z.string().min(1).default('page'),
  /** 1 (default) or 0: the number of the first page. */
  firstPage: z.union([z.literal(0), z.literal(1)]).default(1),
  sizeParam: z.string().min(1).optional(),
  pageSize,
  totalPath: dotted.optional(),
});

const cursorPaging = z.object({
  style: z.literal('cursor'),
  cursorParam: z.string().min(1).default('cursor'),
  /** Where the next cursor, or a next link (absolute URL or path), sits in the body. */
  nextPath: dotted,
  sizeParam: z.string().min(1).optional(),
  pageSize,
});

const linkPaging = z.object({
  style: z.literal('link'),
  sizeParam: z.string().min(1).optional(),
  pageSize,
});

const startIndexPaging = z.object({
  style: z.literal('startIndex'),
  startIndexParam: z.string().min(1).default('startIndex'),
  countParam: z.string().min(1).default('count'),
  pageSize,
  totalPath: dotted.default('totalResults'),
});

export const paginationSchema = z.discriminatedUnion('style', [offsetPaging, pagePaging, cursorPaging, linkPaging, startIndexPaging]);
export type Pagination = z.infer<typeof paginationSchema>;

const method = z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

/** A vendor call template: `{id}` and `{email}` are filled from the seat in path and body strings. */
export const callTemplateSchema = z.object({
  method,
  path: z.string().min(1),
  body: z.unknown().optional(),
  /**
   * The body's media type, sent as Content-Type and first in Accept (SCIM: application/scim+json,
   * RFC 7644 section 3.1). Unset: the shared client's application/json.
   */
  mediaType: z.string().min(1).optional(),
});
export type CallTemplate = z.infer<typeof callTemplateSchema>;

export const customConfigSchema = z
  .object({
    /** "scim" when built from the SCIM 2.0 preset: only changes messages. */
    preset: z.enum(['scim']).optional(),
    users: z.object({
      path: z.string().min(1),
      query: z.record(z.string(), z.string()).optional(),
      pagination: paginationSchema,
      /** Dotted path to the array of users in each page body; '' or omitted: the body is the array. */
      itemsPath: z.string().optional(),
    }),
    fields: z.object({
      id: fieldPath,
      email: fieldPath,
      name: fieldPath.optional(),
      licenseType: fieldPath.optional(),
      active: fieldPath.optional(),
      /** Values of the active field meaning active, besides boolean true (e.g. "ACTIVE"). */
      activeValues: z.array(z.string()).optional(),
      admin: fieldPath.optional(),
      lastActivity: fieldPath.optional(),
      startedAt: fieldPath.optional(),
    }),
    /** License type when the field is absent or not mapped. */
    constantLicenseType: z.string().min(1).optional(),
    paid: z.object({ freeLicenseTypes: z.array(z.string()).default([]) }).default({ freeLicenseTypes: [] }),
    activity: z
      .object({
        path: z.string().min(1),
        sinceParam: z.string().min(1),
        sinceFormat: z.enum(['iso', 'epoch_seconds', 'epoch_ms']).default('iso'),
        query: z.record(z.string(), z.string()).optional(),
        pagination: paginationSchema.optional(),
        itemsPath: z.string().optional(),
        userIdPath: fieldPath.optional(),
        emailPath: fieldPath.optional(),
        timestampPath: fieldPath,
      })
      .refine((a) => a.userIdPath !== undefined || a.emailPath !== undefined, { message: 'activity needs userIdPath or emailPath' })
      .optional(),
    reclaim: callTemplateSchema.optional(),
    undo: callTemplateSchema.optional(),
    /** Connection test. Default: the users path with a one-item page. */
    whoami: z.object({ path: z.string().min(1), idPath: fieldPath.optional(), namePath: fieldPath.optional(), emailPath: fieldPath.optional() }).optional(),
  })
  .refine((c) => c.fields.licenseType !== undefined || c.constantLicenseType !== undefined, {
    message: 'map fields.licenseType or set constantLicenseType',
  });

export type CustomConfig = z.infer<typeof customConfigSchema>;
export type CustomConfigInput = z.input<typeof customConfigSchema>;

export const SCIM_MEDIA_TYPE = 'application/scim+json';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function activePatch(value: boolean) {
  return { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value }] };
}

/** The SCIM 2.0 (RFC 7643/7644) preset. `baseUrl` is the SCIM endpoint, e.g. https://app.example/scim/v2. */
export function scimPreset(baseUrl?: string): CustomConfig {
  void baseUrl; // Paths are relative to the connection URL; kept for callers that show it.
  return customConfigSchema.parse({
    preset: 'scim',
    users: {
      path: '/Users',
      pagination: { style: 'startIndex', startIndexParam: 'startIndex', countParam: 'count', pageSize: 100, totalPath: 'totalResults' },
      itemsPath: 'Resources',
    },
    fields: {
      id: 'id',
      email: ['emails[primary eq true].value', 'emails[0].value', 'userName'],
      name: ['displayName', 'name.formatted', 'userName'],
      licenseType: 'roles[0].value',
      active: 'active',
      startedAt: 'meta.created',
    },
    constantLicenseType: 'SCIM user',
    reclaim: { method: 'PATCH', path: '/Users/{id}', body: activePatch(false), mediaType: SCIM_MEDIA_TYPE },
    undo: { method: 'PATCH', path: '/Users/{id}', body: activePatch(true), mediaType: SCIM_MEDIA_TYPE },
    whoami: { path: '/ServiceProviderConfig' },
  } satisfies CustomConfigInput);
}

/** The configuration of one connection: options.custom JSON, else the preset named in options.preset. */
export function loadCustomConfig(settings: ConnectionSettings): CustomConfig {
  const raw = settings.options.custom?.trim();
  if (!raw) {
    if (settings.options.preset === 'scim') return scimPreset(settings.baseUrl);
    throw new ConnectorError('config', 'This custom app has no configuration: describe how to read its users, or choose the SCIM 2.0 preset.');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConnectorError('config', 'The custom app configuration is not valid JSON.');
  }
  const parsed = customConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'configuration';
    throw new ConnectorError('config', `The custom app configuration is invalid at ${where}: ${issue?.message ?? 'unexpected value'}.`);
  }
  return parsed.data;
}
