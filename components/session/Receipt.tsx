// A finished session's receipt: where and when, how long, the energy, each tariff line with its cost, the total in
// its currency, and the session id to quote to the operator. Printed, it is black on white on one A4 page.
import { useFormatter, useTranslations } from "next-intl";
import type { SessionView } from "@/lib/sessions/contract";
import type { SessionTariff } from "@/lib/domain/session-progress";
import { formatDateTime, formatMoney } from "@/lib/i18n/format";
import { sessionLengthMs } from "./SessionHistoryRow";
import { formatDuration, formatEnergy } from "./sessionFormat";

export function Receipt({
  session,
  tariff,
}: {
  session: SessionView;
  tariff: SessionTariff | null;
}) {
  const t = useTranslations("Session");
  const words = useTranslations("Format");
  const format = useFormatter();
  const money = (amount: number) =>
    formatMoney(format, amount, session.cost.currency);
  const lengthMs = sessionLengthMs(session);
  const when = (iso: string | null) =>
    iso ? formatDateTime(new Date(iso), format) : "—";
  const price = (amount: number | null | undefined) =>
    amount ? money(amount) : null;
  const rates = {
    energy: price(tariff?.pricePerKwh),
    time: price(tariff?.pricePerMinute),
    idle: price(tariff?.idlePricePerMinute),
  };
  const rateText = {
    energy: rates.energy ? words("perKwh", { price: rates.energy }) : null,
    time: rates.time
      ? tariff?.pricePerMinuteAfterMin
        ? words("perMinuteAfter", {
            price: rates.time,
            minutes: tariff.pricePerMinuteAfterMin,
          })
        : words("perMinute", { price: rates.time })
      : null,
    idle: rates.idle
      ? t("receipt.idleRate", {
          price: rates.idle,
          minutes: tariff?.idleGraceMinutes ?? 0,
        })
      : null,
  };
  const parts = (["energy", "time", "idle"] as const).filter(
    (part) => part === "energy" || session.cost[part] > 0 || rateText[part],
  );
  return (
    <article className="receipt" data-testid="receipt">
      <h1>{t("receipt.title")}</h1>
      <p className="receipt__station">
        {session.stationName ?? t("unknownStation")}
      </p>
      <dl className="receipt__facts">
        <div>
          <dt>{t("receipt.connector")}</dt>
          <dd>
            {session.chargePointId} · {session.connectorId}
          </dd>
        </div>
        <div>
          <dt>{t("receipt.start")}</dt>
          <dd>{when(session.startedAt)}</dd>
        </div>
        <div>
          <dt>{t("receipt.stop")}</dt>
          <dd>{when(session.stoppedAt)}</dd>
        </div>
        <div>
          <dt>{t("receipt.duration")}</dt>
          <dd>{lengthMs === null ? "—" : formatDuration(lengthMs, t)}</dd>
        </div>
        <div>
          <dt>{t("energy")}</dt>
          <dd data-testid="receipt-energy">
            {formatEnergy(session.energyKwh, format, t)}
          </dd>
        </div>
      </dl>
      <h2 className="receipt__subtitle">{t("receipt.charges")}</h2>
      <dl className="receipt__lines">
        {parts.map((part) => (
          <div key={part}>
            <dt>
              {t(`cost.${part}`)}
              {rateText[part] ? ` (${rateText[part]})` : ""}
            </dt>
            <dd>{money(session.cost[part])}</dd>
          </div>
        ))}
        <div className="receipt__total">
          <dt>{t("receipt.total", { currency: session.cost.currency })}</dt>
          <dd data-testid="receipt-total">{money(session.cost.total)}</dd>
        </div>
      </dl>
      <p className="receipt__id">
        {t("receipt.sessionId", { id: session.id })}
      </p>
    </article>
  );
}
