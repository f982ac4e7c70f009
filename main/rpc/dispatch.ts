/**
 * The single entry point both transports call: look the method up, validate the input
 * with the contract's schema, run the service, and turn any outcome into an ApiResult.
 * Nothing thrown here crosses a transport: no stack, no secret, no raw vendor body.
 */
import { ZodError } from 'zod';
import {
  API_ERROR_CODES,
  isMethodName,
  mayCall,
  METHOD_ROLES,
  methods,
  type ApiError,
  type ApiResult,
  type SeatwiseService,
} from '../../preload/contract.js';
import { ConnectorError } from '../../connectors/http/errors.js';
import { AppError } from '../errors.js';
import { asCaller, type Caller } from '../store/actor.js';
import { redact } from '../vault/redact.js';
import { KeychainUnavailableError } from '../vault/secret-store.js';

/** Who is calling, on a team server; absent for the one person of a single-user install. */
export type { Caller };

export interface DispatchOptions {
  caller?: Caller;
  /** Validate outputs too (tests and development): a service that breaks the contract fails loudly. */
  checkOutput?: boolean;
  onInternalError?: (method: string, error: unknown) => void;
}

export async function dispatch(
  service: SeatwiseService,
  name: string,
  rawInput: unknown,
  options: DispatchOptions = {},
): Promise<ApiResult<unknown>> {
  if (!isMethodName(name)) {
    return failure({ code: API_ERROR_CODES.unknownMethod, message: `Unknown method "${name.slice(0, 100)}".`, retryable: false });
  }
  // Before the input is even read: a refused call does nothing at all.
  if (options.caller && !mayCall(options.caller.roles, name)) {
    return failure({
      code: API_ERROR_CODES.forbidden,
      message: `${name} needs the ${METHOD_ROLES[name]} role; ${options.caller.person} has ${options.caller.roles.length ? options.caller.roles.join(', ') : 'viewer only'}.`,
      retryable: false,
    });
  }
  const spec = methods[name];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return failure({ code: API_ERROR_CODES.invalidInput, message: describeZodError(parsed.error), retryable: false });
  }
  try {
    const handler = service[name] as (input: unknown) => Promise<unknown>;
    const value = await asCaller(options.caller, () => handler.call(service, parsed.data));
    if (options.checkOutput) spec.output.parse(value);
    return { ok: true, value };
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.code === API_ERROR_CODES.internal) options.onInternalError?.(name, error);
    return failure(apiError);
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) return { code: error.code, message: redact(error.message), retryable: error.retryable };
  if (error instanceof ConnectorError) return { code: `connector_${error.code}`, message: redact(error.message), retryable: error.retryable };
  if (error instanceof KeychainUnavailableError) return { code: 'keychain_unavailable', message: redact(error.message), retryable: true };
  if (error instanceof ZodError) return { code: API_ERROR_CODES.internal, message: 'Seatwise produced data it could not check. See the log for details.', retryable: false };
  const message = error instanceof Error ? error.message : String(error);
  return { code: API_ERROR_CODES.internal, message: redact(message), retryable: false };
}

export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function failure(error: ApiError): ApiResult<never> {
  return { ok: false, error };
}
