/**
 * Custom-app settings for the shared HTTP client: error messages from SCIM error bodies
 * (`detail`) and the common generic shapes (`message`, `error_description`, `error`).
 */
import type { HttpClientOptions } from '../http/client.js';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function customErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const nested = typeof b.error === 'object' && b.error !== null ? (b.error as Record<string, unknown>) : undefined;
  const first = Array.isArray(b.errors) && typeof b.errors[0] === 'object' && b.errors[0] !== null ? (b.errors[0] as Record<string, unknown>) : undefined;
  return (
    text(b.detail) ??
    text(b.message) ??
    text(b.error_description) ??
    text(nested?.message) ??
    text(b.error) ??
    text(first?.message) ??
    text(first?.detail)
  );
}

export const customHttpOptions: Pick<HttpClientOptions, 'errorMessage' | 'concurrency'> = {
  errorMessage: customErrorMessage,
  concurrency: 4,
};
