// Normalises sampled meter values (any unit, per phase or total) into energy Wh, power W and state of charge %.

/** A sampled value in version-neutral form; lib/ocpp converts 1.6 strings and 2.0.1 unitOfMeasure into it. */
export type SampledValue = {
  value: number;
  /** OCPP default when absent: Energy.Active.Import.Register. */
  measurand?: string;
  unit?: string;
  /** Power of ten applied to value (OCPP 2.0.1 unitOfMeasure.multiplier). */
  multiplier?: number;
  phase?: string;
};

export type MeterReading = {
  energyWh?: number;
  powerW?: number;
  socPct?: number;
};

const scaleToBase: Record<string, number> = {
  Wh: 1,
  kWh: 1000,
  W: 1,
  kW: 1000,
  Percent: 1,
};

/** Value in base units (Wh, W, %), or undefined for a unit we cannot convert (it is skipped, not guessed). */
function toBaseUnit(
  sample: SampledValue,
  defaultUnit: string,
): number | undefined {
  const scale = scaleToBase[sample.unit ?? defaultUnit];
  if (scale === undefined || !Number.isFinite(sample.value)) return undefined;
  return sample.value * scale * 10 ** (sample.multiplier ?? 0);
}

/**
 * A meter may report one total, per-phase values, or both. The total wins; phases to neutral ("L1-N") or bare
 * ("L1") are summed when no total is given; line-to-line ("L1-L2") values are not additive and are ignored.
 */
function totalOf(
  samples: SampledValue[],
  measurand: string,
  defaultUnit: string,
): number | undefined {
  const matching = samples.filter(
    (s) => (s.measurand ?? "Energy.Active.Import.Register") === measurand,
  );
  const total = matching.find((s) => s.phase === undefined);
  if (total) return toBaseUnit(total, defaultUnit);
  const phases = matching
    .filter((s) => /^L[123](-N)?$/.test(s.phase ?? ""))
    .map((s) => toBaseUnit(s, defaultUnit))
    .filter((v) => v !== undefined);
  return phases.length > 0 ? phases.reduce((sum, v) => sum + v, 0) : undefined;
}

export function readSampledValues(samples: SampledValue[]): MeterReading {
  const reading: MeterReading = {};
  const energyWh = totalOf(samples, "Energy.Active.Import.Register", "Wh");
  const powerW = totalOf(samples, "Power.Active.Import", "W");
  const soc = samples.find((s) => s.measurand === "SoC");
  if (energyWh !== undefined) reading.energyWh = energyWh;
  if (powerW !== undefined) reading.powerW = powerW;
  if (soc && Number.isFinite(soc.value)) reading.socPct = soc.value;
  return reading;
}
