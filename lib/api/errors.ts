// Typed API errors: a code names what went wrong, one table turns it into the HTTP status.
export const statusByCode = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof statusByCode;

/**
 * Route handlers run in Next's bundle, which has its own copy of this module, while the services they call (alerts,
 * commands) run in the server's: `instanceof` cannot see across the copies, a brand in the global registry can.
 */
const brand = Symbol.for("carrega.ApiError");

export class ApiError extends Error {
  readonly [brand] = true;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return statusByCode[this.code];
  }

  /** Whether `error` is an ApiError made by either copy of this module. */
  static is(error: unknown): error is ApiError {
    return (
      typeof error === "object" &&
      error !== null &&
      (error as { [brand]?: unknown })[brand] === true
    );
  }
}
