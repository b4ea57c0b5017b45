// The small line glyphs that tell station states apart without colour: check, clock, cross, question mark.
import type { StationState } from "@/lib/domain/availability";

/** Static SVG bodies for a 16×16 viewBox, stroked in currentColor; trusted markup, never built from data. */
export const glyphBodies: Record<StationState, string> = {
  free: '<path d="M3.2 8.6l3.1 3.1 6.5-7.4"/>',
  busy: '<circle cx="8" cy="8" r="5.8"/><path d="M8 4.6V8l2.4 1.6"/>',
  down: '<path d="M4.2 4.2l7.6 7.6M11.8 4.2l-7.6 7.6"/>',
  unknown:
    '<path d="M5.6 6.1a2.5 2.5 0 1 1 3.6 2.2c-.8.4-1.2.9-1.2 1.7v.5"/><circle cx="8" cy="12.9" r=".4"/>',
};

const svgOpen =
  '<svg class="state-glyph" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false" ' +
  'fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round">';

export function glyphSvg(state: StationState): string {
  return `${svgOpen}${glyphBodies[state]}</svg>`;
}
