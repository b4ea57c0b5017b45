// "My alerts": the device's active alerts beside the map, places in line and holds live; nothing while there are none.
"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FoldToggle } from "../FoldToggle";
import { AlertItem } from "./AlertItem";
import { useAlerts } from "./AlertsProvider";
import { PushFallbackNote } from "./PushFallbackNote";

export function AlertList() {
  const t = useTranslations("Alerts");
  const { alerts } = useAlerts();
  const [isOpen, setIsOpen] = useState(true);
  const bodyId = useId();
  if (alerts.length === 0) return null;
  return (
    <section className="alert-list" aria-label={t("listRegion")}>
      <FoldToggle
        className="alert-list__toggle"
        isOpen={isOpen}
        controls={bodyId}
        onToggle={setIsOpen}
      >
        {t("listTitle", { count: alerts.length })}
      </FoldToggle>
      <div id={bodyId} hidden={!isOpen}>
        <ul className="alert-list__items">
          {alerts.map((alert) => (
            <AlertItem key={alert.id} alert={alert} />
          ))}
        </ul>
        <PushFallbackNote />
      </div>
    </section>
  );
}
