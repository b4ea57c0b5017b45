// The cost so far, and what it is made of: energy, time, and the idle fee once the car stays after charging.
import { useFormatter, useTranslations } from "next-intl";
import type { SessionCost as Cost } from "@/lib/sessions/contract";
import { formatMoney } from "@/lib/i18n/format";

export function SessionCost({
  cost,
  isFinal = false,
}: {
  cost: Cost;
  /** The session ended: the total is what the driver pays, not "so far". */
  isFinal?: boolean;
}) {
  const t = useTranslations("Session");
  const format = useFormatter();
  const money = (amount: number) => formatMoney(format, amount, cost.currency);
  const lines = (["energy", "time", "idle"] as const).filter(
    // A tariff without a time or idle price shows no empty line for it.
    (part) => part === "energy" || cost[part] > 0,
  );
  return (
    <dl className="session-cost" data-testid="session-cost">
      <div className="session-cost__total">
        <dt>{isFinal ? t("costTotal") : t("costSoFar")}</dt>
        <dd data-testid="session-cost-total">{money(cost.total)}</dd>
      </div>
      {lines.map((part) => (
        <div key={part} className="session-cost__line">
          <dt>{t(`cost.${part}`)}</dt>
          <dd>{money(cost[part])}</dd>
        </div>
      ))}
    </dl>
  );
}
