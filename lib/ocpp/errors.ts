// One class per OCPP-J error code, so a handler throws a name and the framing layer sends the right CALLERROR.

export abstract class OcppError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The requested action is not known by the receiver. */
export class NotImplemented extends OcppError {
  readonly code = "NotImplemented";
}
/** The action is recognised but not supported by the receiver. */
export class NotSupported extends OcppError {
  readonly code = "NotSupported";
}
/** An internal error occurred and the receiver could not process the action. */
export class InternalError extends OcppError {
  readonly code = "InternalError";
}
/** The payload for the action is incomplete. */
export class ProtocolError extends OcppError {
  readonly code = "ProtocolError";
}
/** A security issue prevented the receiver from completing the action. */
export class SecurityError extends OcppError {
  readonly code = "SecurityError";
}
/** OCPP 1.6: the payload is syntactically incorrect or does not conform to the PDU structure. */
export class FormationViolation extends OcppError {
  readonly code = "FormationViolation";
}
/** OCPP 2.0.1's name for a syntactically incorrect payload. */
export class FormatViolation extends OcppError {
  readonly code = "FormatViolation";
}
/** A field holds an invalid value. */
export class PropertyConstraintViolation extends OcppError {
  readonly code = "PropertyConstraintViolation";
}
/** OCPP 1.6 (spelled as in its spec): a field is missing or repeated against its occurrence constraints. */
export class OccurenceConstraintViolation extends OcppError {
  readonly code = "OccurenceConstraintViolation";
}
/** OCPP 2.0.1's spelling of the occurrence violation. */
export class OccurrenceConstraintViolation extends OcppError {
  readonly code = "OccurrenceConstraintViolation";
}
/** A field holds a value of the wrong data type. */
export class TypeConstraintViolation extends OcppError {
  readonly code = "TypeConstraintViolation";
}
/** OCPP 2.0.1: the message is not a valid RPC frame (not an array, bad message type id, ...). */
export class RpcFrameworkError extends OcppError {
  readonly code = "RpcFrameworkError";
}
/** OCPP 2.0.1: the message type number is not supported. */
export class MessageTypeNotSupported extends OcppError {
  readonly code = "MessageTypeNotSupported";
}
/** Any other error. */
export class GenericError extends OcppError {
  readonly code = "GenericError";
}

export type OcppErrorClass = new (
  message: string,
  details?: Record<string, unknown>,
) => OcppError;
