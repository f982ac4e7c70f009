import { z } from 'zod';

/** Every call across a transport resolves to this: never a thrown error, never a stack. */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const API_ERROR_CODES = {
  invalidInput: 'invalid_input',
  unknownMethod: 'unknown_method',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  internal: 'internal',
} as const;
