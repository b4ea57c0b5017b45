// One past session in the history: date and station, then energy, duration and cost, linking to its receipt.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { isLiveState, type SessionView } from "@/lib/sessions/contract";
import { formatDateTime, formatMoney } from "@/lib/i18n/format";
import { formatDuration, formatEnergy } from "./sessionFormat";

/** How long an ended session lasted, from the charger's start to its stop; null for one that never ran or still runs. */
export function sessionLengthMs(session: SessionView): number | null {
  if (!session.startedAt || !session.stoppedAt) return null;
  return Date.parse(session.stoppedAt) - Date.parse(session.startedAt);
}

export function SessionHistoryRow({ session }: { session: SessionView }) {
  const t = useTranslations("Session");
  const format = useFormatter();
  const at = new Date(session.startedAt ?? session.requestedAt);
  const isLive = isLiveState(session.state);
  const lengthMs = sessionLengthMs(session);
  // A live one opens its live page; one that ended, its receipt.
  const href = isLive
    ? `/sessions/${encodeURIComponent(session.id)}`
    : `/sessions/${encodeURIComponent(session.id)}/receipt`;
  return (
    <li className="session-row" data-testid="session-row">
      <Link href={href} className="session-row__link">
        <span className="session-row__station">
          {session.stationName ?? t("unknownStation")}
        </span>
        <span className="session-row__cost">
          {formatMoney(format, session.cost.total, session.cost.currency)}
        </span>
        <span className="session-row__meta">
          {formatDateTime(at, format)} ·{" "}
          {formatEnergy(session.energyKwh, format, t)} ·{" "}
          {lengthMs === null || isLive
            ? t(`state.${session.state}`)
            : formatDuration(lengthMs, t)}
        </span>
      </Link>
    </li>
  );
}
