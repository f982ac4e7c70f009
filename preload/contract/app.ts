import { z } from 'zod';
import { emptyInput } from './common.js';
import { method } from './method.js';
import { ROLES } from './roles.js';

export const appInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  transport: z.enum(['ipc', 'http']),
  demo: z.boolean(),
  platform: z.string(),
  /** On a team server, who is calling and the roles they hold now; null on a single-user install. */
  signedIn: z.object({ person: z.string(), roles: z.array(z.enum(ROLES)) }).nullable(),
});

export const appMethods = {
  'app:info': method(emptyInput, appInfoSchema),
};
