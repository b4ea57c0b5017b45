// Maps the connectors of one OCPI EVSE to Carrega connectors, repairing and inferring what real feeds leave out.
/*
 * Connector → connector (the README's "Importing OCPI Locations" says the same for operators)
 *   connectorId    its position in the EVSE's `connectors` list, 1..n (a rejected sibling keeps its number, so
 *                  fixing it later renumbers nothing); evseId 1 (OCPP 2.0.1: the charger's single EVSE). A missing
 *                  OCPI `id` is taken from the same position.
 *   standard       `standard` when Carrega knows it (lib/domain/vocabulary.ts), in any case; else rejected.
 *   powerType      `power_type`, else inferred from the standard and the electrics (infer-power.ts).
 *   maxPowerKw     `max_electric_power` / 1000, else from V × A, else a conservative figure for the power type
 *                  (infer-power.ts). Rounded to 0.1 kW.
 *   repaired       empty strings, numbers written as strings, OCPI words in another case.
 *   rejected       an unknown standard; a connector whose id repeats one of the same EVSE (the first is kept).
 */
import { ConnectorStandard } from "../domain/vocabulary";
import type { StationInput } from "../domain/station";
import { inferMaxPowerKw, inferPowerType } from "./infer-power";
import type { Noter } from "./notes";
import { OcpiConnector } from "./ocpi-schema";
import { readRecord } from "./read-record";
import {
  dropEmptyStrings,
  readNumbers,
  readUpperCase,
  type NoteRepair,
  type Raw,
} from "./repair";

type ConnectorInput = StationInput["chargers"][number]["connectors"][number];
export type MappedConnector = {
  connector: ConnectorInput;
  tariffIds: string[];
};

export function mapConnectors(
  raws: readonly unknown[],
  evse: Noter,
): MappedConnector[] {
  const mapped: MappedConnector[] = [];
  const seen = new Set<string>();
  raws.forEach((raw, position) => {
    const { parsed: ocpi, notes } = readRecord(
      raw,
      "Connector",
      OcpiConnector,
      (record, note) => repairConnector(record, position, note),
      evse,
    );
    if (!ocpi) return;
    const refuse = notes.reject;
    if (seen.has(ocpi.id))
      return refuse(
        "repeated",
        `connector id "${ocpi.id}" repeats in this EVSE: the first one is kept`,
      );
    seen.add(ocpi.id);
    const standard = ConnectorStandard.safeParse(ocpi.standard);
    if (!standard.success) {
      return refuse("unknown-standard", `unknown standard "${ocpi.standard}"`);
    }
    const electrics = {
      standard: standard.data,
      powerType: ocpi.power_type ?? undefined,
      maxVoltage: ocpi.max_voltage ?? undefined,
      maxAmperage: ocpi.max_amperage ?? undefined,
      maxElectricPower: ocpi.max_electric_power ?? undefined,
    };
    const powerType = notes.noteInferred(
      "power_type",
      ocpi.power_type ?? undefined,
      inferPowerType(electrics),
    );
    const maxPower = inferMaxPowerKw(electrics, powerType);
    // Reported in OCPI's unit, W, like the figure it stands in for.
    notes.noteInferred(
      "max_electric_power",
      ocpi.max_electric_power ?? undefined,
      {
        ...maxPower,
        value: Math.round(maxPower.value * 1000),
      },
    );
    mapped.push({
      connector: {
        connectorId: position + 1,
        evseId: 1,
        standard: standard.data,
        powerType,
        maxPowerKw: maxPower.value,
      },
      tariffIds: ocpi.tariff_ids ?? [],
    });
  });
  return mapped;
}

/** Empty strings, numbers as strings and lower-case words repaired; a missing id taken from the position. */
function repairConnector(raw: Raw, position: number, note: NoteRepair): Raw {
  let repaired = dropEmptyStrings(raw, note);
  repaired = readNumbers(
    repaired,
    ["max_voltage", "max_amperage", "max_electric_power"],
    note,
  );
  repaired = readUpperCase(repaired, ["standard", "power_type"], note);
  if (repaired.id === undefined || repaired.id === null) {
    repaired.id = String(position + 1);
    note({ kind: "id:position", field: "id", value: repaired.id });
  }
  return repaired;
}
