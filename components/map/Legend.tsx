// The legend of the four marker states, drawn with the same glyphs and colours as the markers.
import { StateGlyph } from "./StateGlyph";
import { legendOrder, stateWords } from "./stationPresentation";

export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      {legendOrder.map((state) => (
        <li key={state} className={`status-chip status-chip--${state}`}>
          <StateGlyph state={state} />
          {stateWords[state]}
        </li>
      ))}
    </ul>
  );
}
