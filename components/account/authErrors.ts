// What a failed sign-in or sign-up tells the driver: Better Auth's status and code to one of our messages.

export type AuthProblem =
  | "wrongPassword"
  | "emailTaken"
  | "tooMany"
  | "shortPassword"
  | "invalidEmail"
  | "notVerified"
  | "generic";

/** Better Auth answers with its error code (INVALID_EMAIL_OR_PASSWORD, ...); the rate limiter with 429 alone. */
export function authProblem(error: {
  status?: number;
  code?: string;
}): AuthProblem {
  if (error.status === 429) return "tooMany";
  switch (error.code) {
    case "INVALID_EMAIL_OR_PASSWORD":
      return "wrongPassword";
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return "emailTaken";
    case "PASSWORD_TOO_SHORT":
      return "shortPassword";
    case "INVALID_EMAIL":
      return "invalidEmail";
    case "EMAIL_NOT_VERIFIED":
      return "notVerified";
    default:
      return error.status === 401 ? "wrongPassword" : "generic";
  }
}
