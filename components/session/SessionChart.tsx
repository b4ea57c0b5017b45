// The session's power and battery over time, drawn by uPlot in the browser, sized to its container, with the same
// story in words beside it for those who cannot see the chart.
"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatClock } from "@/lib/i18n/format";
import type { Formatter } from "@/lib/i18n/types";
import type { SessionSeriesPoint } from "@/lib/sessions/contract";
import { formatPowerNow } from "./sessionFormat";

const POWER_COLOUR = "#0f766e";
const SOC_COLOUR = "#1d4ed8";
const HEIGHT = 220;

/** uPlot's columns: seconds since the epoch, then kW and % (null where a sample did not carry them). */
function toColumns(series: SessionSeriesPoint[]): uPlot.AlignedData {
  return [
    series.map((p) => Date.parse(p.at) / 1000),
    series.map((p) => p.powerKw),
    series.map((p) => p.socPct),
  ];
}

function chartOptions(
  width: number,
  labels: { power: string; soc: string },
  format: Formatter,
): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    // The words beside the chart are its legend; uPlot's hover legend would jump under a thumb.
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      // One point alone would stretch the axis over years: show the minutes around it.
      x: {
        time: true,
        range: (_u, min, max) =>
          min === max ? [min - 300, max + 300] : [min, max],
      },
      kW: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
      pct: { range: [0, 100] },
    },
    series: [
      {},
      {
        label: labels.power,
        scale: "kW",
        stroke: POWER_COLOUR,
        width: 2,
        fill: "rgba(15, 118, 110, 0.12)",
        spanGaps: true,
      },
      {
        label: labels.soc,
        scale: "pct",
        stroke: SOC_COLOUR,
        width: 2,
        dash: [6, 4],
        spanGaps: true,
      },
    ],
    axes: [
      {
        stroke: "#374151",
        // Ticks a minute apart at the least: the labels show hours and minutes.
        incrs: [60, 300, 600, 900, 1800, 3600, 7200, 14400],
        // "14:05" in the driver's language and zone, as every other time in the app (uPlot's own is US English).
        values: (_u, splits) =>
          splits.map((s) => formatClock(new Date(s * 1000), format)),
      },
      { scale: "kW", stroke: POWER_COLOUR, label: "kW", size: 48 },
      {
        scale: "pct",
        side: 1,
        stroke: SOC_COLOUR,
        label: "%",
        size: 44,
        grid: { show: false },
      },
    ],
  };
}

export function SessionChart({ series }: { series: SessionSeriesPoint[] }) {
  const t = useTranslations("Session");
  const format = useFormatter();
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const labels = { power: t("chartPower"), soc: t("chartSoc") };
  const labelsKey = `${labels.power}|${labels.soc}`;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const [power, soc] = labelsKey.split("|");
    const chart = new uPlot(
      chartOptions(element.clientWidth, { power, soc }, format),
      [[], [], []],
      element,
    );
    plot.current = chart;
    // The chart follows its container (a phone turned sideways, a desktop window resized).
    const observer = new ResizeObserver(() =>
      chart.setSize({ width: element.clientWidth, height: HEIGHT }),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // The formatter changes with the language, and so do the labels.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labelsKey]);

  useEffect(() => {
    plot.current?.setData(toColumns(series));
  }, [series, labelsKey]);

  const powers = series.flatMap((p) => (p.powerKw === null ? [] : [p.powerKw]));
  const socs = series.flatMap((p) => (p.socPct === null ? [] : [p.socPct]));
  const summary =
    powers.length === 0
      ? t("chartEmpty")
      : t("chartSummary", {
          points: series.length,
          peak: formatPowerNow(Math.max(...powers), format, t),
          last: formatPowerNow(powers.at(-1) ?? 0, format, t),
        }) +
        (socs.length > 0
          ? ` ${t("chartSocSummary", { from: Math.round(socs[0]), to: Math.round(socs.at(-1) ?? 0) })}`
          : "");
  return (
    <figure className="session-chart" data-testid="session-chart">
      <div
        ref={box}
        className="session-chart__plot"
        aria-hidden="true"
        data-points={series.length}
      />
      <figcaption className="session-chart__caption">
        <span className="session-chart__key session-chart__key--power">
          {labels.power}
        </span>
        <span className="session-chart__key session-chart__key--soc">
          {labels.soc}
        </span>
        <span className="session-chart__summary">{summary}</span>
      </figcaption>
    </figure>
  );
}
