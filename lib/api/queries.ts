// Query-string schemas of the public read API.
import { z } from "zod";
import { Bbox } from "../domain/geo";
import { ConnectorStandard } from "../domain/vocabulary";

const list = (value: string) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

export const StationsQuery = z.object({
  bbox: z
    .string({ error: "bbox is required: minLng,minLat,maxLng,maxLat" })
    .transform((value) => list(value).map(Number))
    .pipe(Bbox),
  available: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true"),
  standard: z
    .string()
    .optional()
    .transform((value) => (value ? list(value) : undefined))
    .pipe(z.array(ConnectorStandard).optional()),
  minPowerKw: z.coerce.number().min(0).optional(),
  operator: z.string().trim().min(1).max(80).optional(),
  /** The map's zoom (Web Mercator, 256 px tiles): opts in to clusters when the view holds too many stations. */
  zoom: z.coerce.number().int().min(0).max(22).optional(),
});

export function searchParamsObject(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}
