// When and by whom a station can be used: operator, open now or not, the week's hours, and where to park.
import {
  describeOpeningHours,
  isOpenAt,
  parkingRestrictionLabels,
  parkingTypeLabels,
} from "@/lib/domain/access";
import type { PublicStation } from "@/lib/domain/station";

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Car park · customers only"; null when the operator said nothing about parking. */
function describeParking(station: PublicStation): string | null {
  const parts = [
    ...(station.parkingType ? [parkingTypeLabels[station.parkingType]] : []),
    ...station.parkingRestrictions.map((r) => parkingRestrictionLabels[r]),
  ];
  return parts.length ? capitalise(parts.join(" · ")) : null;
}

export function StationAccess({
  station,
  now,
}: {
  station: PublicStation;
  now: number;
}) {
  const hours = station.openingHours;
  const isOpen = isOpenAt(hours, station.timeZone, new Date(now));
  const parking = describeParking(station);
  return (
    <dl className="station-facts">
      {station.operator ? (
        <>
          <dt>Operator</dt>
          <dd>{station.operator}</dd>
        </>
      ) : null}
      <dt>Opening hours</dt>
      <dd data-testid="opening-hours">
        {hours ? (
          <>
            {isOpen !== null && !hours.twentyfourseven ? (
              <strong
                className={`open-chip open-chip--${isOpen ? "open" : "closed"}`}
              >
                {isOpen ? "Open now" : "Closed now"}
              </strong>
            ) : null}
            {describeOpeningHours(hours).map((line) => (
              <span key={line} className="station-facts__line">
                {line}
              </span>
            ))}
          </>
        ) : (
          "Not published"
        )}
      </dd>
      {parking ? (
        <>
          <dt>Access</dt>
          <dd data-testid="access">{parking}</dd>
        </>
      ) : null}
    </dl>
  );
}
