// A state's glyph as a React element, for the legend and the popup (markers use the same markup as a string).
import type { StationState } from "@/lib/domain/availability";
import { glyphSvg } from "./stateGlyphs";

export function StateGlyph({ state }: { state: StationState }) {
  // glyphSvg returns fixed markup from a constant table, never data, so injecting it is safe.
  return (
    <span
      className="state-glyph-box"
      dangerouslySetInnerHTML={{ __html: glyphSvg(state) }}
    />
  );
}
