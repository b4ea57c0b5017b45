// A small plug-face glyph beside a connector standard's name: pins drawn roughly as the socket looks.
import type { ConnectorStandard } from "@/lib/domain/vocabulary";

/** Pin positions on a 16×16 face; DC combos add their two large DC pins below. */
const pins: Record<ConnectorStandard, [number, number, number][]> = {
  IEC_62196_T2: [
    [5, 6, 1.3],
    [8, 5, 1.3],
    [11, 6, 1.3],
    [5.5, 9.5, 1.3],
    [10.5, 9.5, 1.3],
    [8, 11, 1.3],
  ],
  IEC_62196_T2_COMBO: [
    [5, 4.5, 1.1],
    [8, 4, 1.1],
    [11, 4.5, 1.1],
    [5.5, 11.5, 2],
    [10.5, 11.5, 2],
  ],
  CHADEMO: [
    [5, 8, 2.2],
    [11, 8, 2.2],
    [8, 4.5, 1],
    [8, 11.5, 1],
  ],
  TESLA_S: [
    [6, 7, 1.5],
    [10, 7, 1.5],
    [8, 11, 1],
  ],
  IEC_62196_T1: [
    [5.5, 7, 1.5],
    [10.5, 7, 1.5],
    [8, 11, 1.3],
  ],
  IEC_62196_T1_COMBO: [
    [5.5, 5, 1.2],
    [10.5, 5, 1.2],
    [5.5, 11.5, 2],
    [10.5, 11.5, 2],
  ],
  DOMESTIC_F: [
    [5, 8, 1.5],
    [11, 8, 1.5],
  ],
  GBT_DC: [
    [5, 6, 1.6],
    [11, 6, 1.6],
    [5, 11, 1],
    [8, 11, 1],
    [11, 11, 1],
  ],
};

export function StandardGlyph({ standard }: { standard: ConnectorStandard }) {
  return (
    <svg
      className="standard-glyph"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <circle
        cx="8"
        cy="8"
        r="7.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
      />
      {pins[standard].map(([cx, cy, r]) => (
        <circle key={`${cx},${cy}`} cx={cx} cy={cy} r={r} fill="currentColor" />
      ))}
    </svg>
  );
}
