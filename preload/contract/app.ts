import { z } from 'zod';
import { emptyInput } from './common.js';
import { method } from './method.js';

export const appInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  transport: z.enum(['ipc', 'http']),
  demo: z.boolean(),
  platform: z.string(),
});

export const appMethods = {
  'app:info': method(emptyInput, appInfoSchema),
};
