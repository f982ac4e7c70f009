/**
 * Errors a connector raises. Messages are written for the administrator and never carry a
 * secret: they name the vendor, the request path (no query string) and the vendor's own
 * message, nothing else.
 */
export const CONNECTOR_ERROR_CODES = [
  'network',
  'timeout',
  'unauthorized',
  'forbidden',
  'not_found',
  'rate_limited',
  'limit_exceeded',
  'server',
  'bad_request',
  'malformed',
  'repeated_cursor',
  'too_many_pages',
  'cancelled',
  'activity_unavailable',
  'config',
  'foreign_origin',
] as const;
export type ConnectorErrorCode = (typeof CONNECTOR_ERROR_CODES)[number];

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    readonly options: { status?: number; retryable?: boolean; vendorMessage?: string } = {},
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.options.retryable ?? false;
  }
  get status(): number | undefined {
    return this.options.status;
  }
}

/** The vendor or plan offers no activity data: make no inactivity candidates. */
export class ActivityUnavailableError extends ConnectorError {
  constructor(message: string) {
    super('activity_unavailable', message);
  }
}

/**
 * An error whose message was written for people and already redacted (the auth layer's
 * "sign in again"). The HTTP client lets these through from a token refresh; any other
 * error from there is reduced to "refresh failed", since it might carry token material.
 */
export interface SafeToShow {
  readonly safeToShow: true;
}

export function isSafeToShow(error: unknown): error is Error & SafeToShow {
  return error instanceof Error && (error as Partial<SafeToShow>).safeToShow === true;
}
