// Typed API errors: a code names what went wrong, one table turns it into the HTTP status.
export const statusByCode = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  too_many_requests: 429,
  unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof statusByCode;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return statusByCode[this.code];
  }
}
