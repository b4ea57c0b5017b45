// What the importer inferred or repaired where a real feed leaves OCPI's rules: each one counted and reported.
import { describeRef, type RecordRef } from "./rejection";

/** Every rule that fills or fixes a field, with the sentence the console summary prints for it. */
export const inferenceKinds = {
  "power_type:dc-standard":
    "power_type DC: CHAdeMO, CCS and GB/T connectors carry DC only",
  "power_type:line-voltage":
    "power_type AC_3_PHASE: max_voltage above 300 V is a three-phase line voltage (400 V)",
  "power_type:beyond-one-phase":
    "power_type AC_3_PHASE: more than one phase gives (power > 1.5 × V × A, or > 7.4 kW; or > 32 A)",
  "power_type:one-phase":
    "power_type AC_1_PHASE: a phase voltage whose power fits one phase, or a Type 1 or domestic socket",
  "power_type:power-only":
    "power_type from max_electric_power alone: above 7.4 kW AC_3_PHASE, else AC_1_PHASE",
  "power_type:standard-default":
    "power_type by the standard, no electrics given: Type 2 AC_3_PHASE, Tesla DC",
  "power_type:two-phase":
    "power_type AC_2_PHASE(_SPLIT) shown as AC_1_PHASE (one circuit to the car)",
  "max_power:volts-amps":
    "max_electric_power from max_voltage × max_amperage (× phases)",
  "max_power:amps-230v":
    "max_electric_power from max_amperage at 230 V per phase (no max_voltage)",
  "max_power:kilowatts":
    "max_electric_power under 1000 read as kW, not W (no EV connector gives under 1 kW)",
  "max_power:standard-default":
    "max_electric_power assumed, nothing given: 3.7 kW AC_1_PHASE, 11 kW AC_3_PHASE, 50 kW DC",
  "name:operator-address": "name from the operator and address",
  "party:evse_id":
    "country_code/party_id from the EVSEs' evse_id (eMI3: PT*LXC*E...)",
  "party:file": "country_code/party_id from the file's other Locations",
  "id:position":
    "Connector id from its position, EVSE uid from its evse_id or position",
  "value:empty-string": "empty strings read as absent",
  "value:number-string": 'numbers written as strings ("230") read as numbers',
  "value:decimal-comma": 'coordinates with a decimal comma ("38,7") read',
  "value:case": 'OCPI words in another case ("chademo", "dc") read',
  "value:unknown-dropped":
    "values OCPI does not define in optional fields dropped (parking_type, parking_restrictions)",
} as const;
export type InferenceKind = keyof typeof inferenceKinds;

export type Inference = RecordRef & {
  kind: InferenceKind;
  /** The OCPI field filled or fixed, e.g. "power_type". */
  field: string;
  /** What the file said (absent when it said nothing). */
  from?: unknown;
  /** What the importer used instead. */
  value: unknown;
};

/** "LOC-0006 › EVSE 6001 › connector 1 power_type → AC_3_PHASE". */
export function describeInference(inference: Inference): string {
  const from =
    inference.from === undefined ? "" : ` ${JSON.stringify(inference.from)}`;
  return `${describeRef(inference)} ${inference.field}${from} → ${JSON.stringify(inference.value)}`;
}

/** An inference before it knows which record it is about. */
export type Repair = Omit<Inference, keyof RecordRef>;
