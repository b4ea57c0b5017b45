// Validates OCPP payloads against the official JSON schemas (as shipped by ocpp-rpc) and names the failing rule.
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import ocpp16Schemas from "ocpp-rpc/lib/schemas/ocpp1_6.json";
import ocpp201Schemas from "ocpp-rpc/lib/schemas/ocpp2_0_1.json";
import { NotImplemented } from "./errors";
import { dialects, type OcppVersion } from "./versions";

const schemasByVersion: Record<OcppVersion, object[]> = {
  "ocpp1.6": ocpp16Schemas,
  "ocpp2.0.1": ocpp201Schemas,
};

type Direction = "req" | "conf";

function createAjv(version: OcppVersion): Ajv {
  // strictSchema off: the official schemas carry annotations (javaType, comment) Ajv does not know.
  const ajv = new Ajv({ strictSchema: false, allErrors: false });
  addFormats(ajv);
  // The schemas' ids ("urn:Authorize.req") are not URIs Ajv 8.17's resolver accepts; key them by name instead.
  for (const { $id, ...schema } of schemasByVersion[version] as {
    $id: string;
  }[]) {
    ajv.addSchema(schema, $id.replace(/^urn:/, ""));
  }
  return ajv;
}

const ajvByVersion = new Map<OcppVersion, Ajv>();

function getValidator(
  version: OcppVersion,
  action: string,
  direction: Direction,
): ValidateFunction | undefined {
  let ajv = ajvByVersion.get(version);
  if (!ajv) {
    ajv = createAjv(version);
    ajvByVersion.set(version, ajv);
  }
  return ajv.getSchema(`${action}.${direction}`);
}

const actionsByVersion = new Map(
  Object.entries(schemasByVersion).map(([version, schemas]) => [
    version,
    new Set(
      (schemas as { $id: string }[]).map(({ $id }) =>
        $id.replace(/^urn:/, "").replace(/\.(req|conf)$/, ""),
      ),
    ),
  ]),
);

/** Checked against the schema names first: Ajv would parse an unknown name such as "urn:x" as a URI and throw. */
export function isKnownAction(version: OcppVersion, action: string): boolean {
  return actionsByVersion.get(version)?.has(action) ?? false;
}

/** Throws the version's error class for the first failing rule, naming the field and the rule. */
export function validatePayload(
  version: OcppVersion,
  action: string,
  direction: Direction,
  payload: unknown,
): void {
  const validate = getValidator(version, action, direction);
  if (!validate)
    throw new NotImplemented(`No schema for ${action} in ${version}`);
  if (validate(payload)) return;
  const [first] = validate.errors ?? [];
  const dialect = dialects[version];
  const ErrorClass =
    (first && dialect.schemaErrors[first.keyword]) || dialect.fallback;
  const where = first?.instancePath || "payload";
  const limit = (first?.params as { limit?: unknown } | undefined)?.limit;
  throw new ErrorClass(`${where} ${first?.message ?? "is invalid"}`, {
    keyword: first?.keyword,
    path: where,
    limit,
  });
}
