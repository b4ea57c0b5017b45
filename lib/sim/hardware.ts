// Picks a plausible charger make and model (as BootNotification reports it) for a connector layout.
import type { PowerType } from "../domain/vocabulary";
import type { Random } from "./random";

export type Hardware = { vendor: string; model: string };

type Layout = readonly { powerType: PowerType; maxPowerKw: number }[];

const acSingle: readonly Hardware[] = [
  { vendor: "Wallbox", model: "Commander 2" },
  { vendor: "ABB", model: "Terra AC" },
  { vendor: "Siemens", model: "VersiCharge" },
];
const acTwin: readonly Hardware[] = [
  { vendor: "Siemens", model: "VersiCharge" },
  { vendor: "Circontrol", model: "eVolve Smart" },
  { vendor: "Schneider Electric", model: "EVlink Parking" },
];
const dcMulti: readonly Hardware[] = [
  { vendor: "Efacec", model: "QC45" },
  { vendor: "ABB", model: "Terra 53" },
  { vendor: "Circontrol", model: "Raption 50" },
];
const dcFast: readonly Hardware[] = [
  { vendor: "ABB", model: "Terra 184" },
  { vendor: "Efacec", model: "HV160" },
  { vendor: "Alpitronic", model: "HYC150" },
];
const dcHighPower: readonly Hardware[] = [
  { vendor: "Alpitronic", model: "HYC300" },
  { vendor: "ABB", model: "Terra HP" },
];

export function chooseHardware(connectors: Layout, random: Random): Hardware {
  const dcKw = Math.max(
    0,
    ...connectors.filter((c) => c.powerType === "DC").map((c) => c.maxPowerKw),
  );
  if (dcKw >= 300) return random.pick(dcHighPower);
  if (dcKw > 60) return random.pick(dcFast);
  if (dcKw > 0) return random.pick(dcMulti);
  return random.pick(connectors.length > 1 ? acTwin : acSingle);
}
