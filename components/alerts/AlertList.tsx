// "My alerts": the device's active alerts beside the map, places in line and holds live; nothing while there are none.
"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FoldToggle } from "../FoldToggle";
import { isPhoneScreen } from "../screen";
import { HoldCountdown } from "./HoldCountdown";
import { AlertItem } from "./AlertItem";
import { useAlerts } from "./AlertsProvider";
import { PushFallbackNote } from "./PushFallbackNote";

export function AlertList() {
  const t = useTranslations("Alerts");
  const { alerts } = useAlerts();
  // Folded on a phone, where the map needs the room; a kept hold's countdown shows even then.
  const [isOpen, setIsOpen] = useState(() => !isPhoneScreen());
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
      {isOpen
        ? null
        : alerts.map((alert) =>
            alert.held ? (
              <HoldCountdown key={alert.id} held={alert.held} />
            ) : null,
          )}
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
