// Builds OCPP 1.6 MeterValue entries the way the simulated chargers' meters report them.

export type MeterValue = {
  timestamp: string;
  sampledValue: Record<string, string>[];
};

export type MeterReading = {
  registerWh: number;
  powerW: number;
  /** Known only to DC chargers, which talk to the car's battery management; AC chargers cannot report it. */
  socPct?: number;
};

export function toMeterValue(
  context: string,
  reading: MeterReading,
): MeterValue {
  const sampledValue = [
    sampled(
      reading.registerWh,
      context,
      "Energy.Active.Import.Register",
      "Wh",
      "Outlet",
    ),
    sampled(reading.powerW, context, "Power.Active.Import", "W", "Outlet"),
  ];
  if (reading.socPct !== undefined) {
    sampledValue.push(sampled(reading.socPct, context, "SoC", "Percent", "EV"));
  }
  return { timestamp: new Date().toISOString(), sampledValue };
}

function sampled(
  value: number,
  context: string,
  measurand: string,
  unit: string,
  location: string,
) {
  return {
    value: String(Math.round(value)),
    context,
    measurand,
    unit,
    location,
  };
}
