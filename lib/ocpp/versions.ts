// The OCPP versions the endpoint speaks, by WebSocket subprotocol, with each version's error-code vocabulary.
import {
  FormatViolation,
  FormationViolation,
  OccurenceConstraintViolation,
  OccurrenceConstraintViolation,
  PropertyConstraintViolation,
  RpcFrameworkError,
  TypeConstraintViolation,
  type OcppErrorClass,
} from "./errors";

export const subprotocols = ["ocpp1.6", "ocpp2.0.1"] as const;
export type OcppVersion = (typeof subprotocols)[number];

export function isOcppVersion(value: string): value is OcppVersion {
  return (subprotocols as readonly string[]).includes(value);
}

type Dialect = {
  /** For a frame that is not a readable OCPP-J message at all. */
  badFrame: OcppErrorClass;
  /** JSON Schema keyword of the first failing rule → the error code that version's spec names for it. */
  schemaErrors: Record<string, OcppErrorClass>;
  fallback: OcppErrorClass;
};

const constraints = {
  type: TypeConstraintViolation,
  enum: PropertyConstraintViolation,
  const: PropertyConstraintViolation,
  pattern: PropertyConstraintViolation,
  format: PropertyConstraintViolation,
  maxLength: PropertyConstraintViolation,
  minLength: PropertyConstraintViolation,
  maximum: PropertyConstraintViolation,
  minimum: PropertyConstraintViolation,
  exclusiveMaximum: PropertyConstraintViolation,
  exclusiveMinimum: PropertyConstraintViolation,
  multipleOf: PropertyConstraintViolation,
} satisfies Record<string, OcppErrorClass>;

export const dialects: Record<OcppVersion, Dialect> = {
  "ocpp1.6": {
    badFrame: FormationViolation,
    schemaErrors: {
      ...constraints,
      required: OccurenceConstraintViolation,
      minItems: OccurenceConstraintViolation,
      maxItems: OccurenceConstraintViolation,
      additionalProperties: FormationViolation,
    },
    fallback: FormationViolation,
  },
  "ocpp2.0.1": {
    badFrame: RpcFrameworkError,
    schemaErrors: {
      ...constraints,
      required: OccurrenceConstraintViolation,
      minItems: OccurrenceConstraintViolation,
      maxItems: OccurrenceConstraintViolation,
      additionalProperties: FormatViolation,
    },
    fallback: FormatViolation,
  },
};
