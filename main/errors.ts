/**
 * Errors the services raise on purpose. The transports turn them into
 * `{ code, message, retryable }`; anything else becomes `internal` with a redacted message.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} was not found.`);
export const invalid = (message: string): AppError => new AppError('invalid_input', message);
export const conflict = (message: string): AppError => new AppError('conflict', message);
