/**
 * A vendor's connection options beyond the URL and the credential (GitHub's organization,
 * Microsoft's tenant, Zoom's account id, Asana's workspace), declared by its descriptor. The
 * check (connection-option-check.ts, free of zod for the renderer's bundle) runs in the
 * playbook as the admin types, in main before a profile is saved, and in the command line.
 */
import { z } from 'zod';

export const connectionOptionSpecSchema = z.object({
  /** The key in the connection's options. */
  key: z.string(),
  label: z.string(),
  hint: z.string(),
  required: z.boolean(),
  /** A regular expression the whole value must match. */
  pattern: z.string().optional(),
  /** Said when the value does not match `pattern`. */
  invalid: z.string().optional(),
  /** The only values allowed, each with its label: offered as a choice. */
  choices: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  /** The sign-in methods the option applies to; every method when omitted. */
  grants: z.array(z.enum(['token', 'api_key', 'client_credentials', 'authorization_code'])).optional(),
});
export type ConnectionOptionSpec = z.infer<typeof connectionOptionSpecSchema>;
