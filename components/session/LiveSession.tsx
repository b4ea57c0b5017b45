// The driver's live session: what is happening, the numbers, when they can leave, the cost, the chart, and Stop.
// The server renders it as it read it; the account's socket keeps it live (session:update), and every (re)join
// reads the session and its series again, so nothing missed while the phone slept stays missing.
"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useReducer, useRef } from "react";
import {
  isLiveState,
  type SessionSeriesPoint,
  type SessionView,
} from "@/lib/sessions/contract";
import { ToastRegion } from "../Toast";
import { useNow } from "../useNow";
import { getSession, getSessionSeries } from "./sessionApi";
import { SessionCost } from "./SessionCost";
import { SessionFigures } from "./SessionFigures";
import { SessionHeadline } from "./SessionHeadline";
import { SessionNoticeToasts, useSessionNoticeList } from "./SessionNotices";
import { SessionOutlook } from "./SessionOutlook";
import { liveSessionReducer } from "./sessionState";
import { StopControl } from "./StopControl";
import { useAccountSocket } from "./useAccountSocket";

// uPlot draws on a canvas: browser only, and its script loads after the numbers, which matter more.
const SessionChart = dynamic(
  () => import("./SessionChart").then((m) => m.SessionChart),
  { ssr: false, loading: () => <div className="session-chart--loading" /> },
);

export function LiveSession({
  view: rendered,
  series: renderedSeries,
  renderedAt,
}: {
  view: SessionView;
  series: SessionSeriesPoint[];
  renderedAt: number;
}) {
  const t = useTranslations("Session");
  const [{ view, series, updates }, dispatch] = useReducer(liveSessionReducer, {
    view: rendered,
    series: renderedSeries,
    updates: 0,
  });
  const updatesRef = useRef(updates);
  useEffect(() => {
    updatesRef.current = updates;
  });
  const now = useNow(1_000, renderedAt);
  const { notices, add, dismiss } = useSessionNoticeList();
  const id = rendered.id;
  const reload = useCallback(() => {
    const since = updatesRef.current;
    Promise.all([getSession(id), getSessionSeries(id)]).then(
      ([fresh, points]) =>
        dispatch({
          type: "loaded",
          view: fresh,
          series: points,
          updates: since,
        }),
      // What is on screen stays; the next join reads again.
      () => undefined,
    );
  }, [id]);
  const isJoined = useAccountSocket({
    onJoined: reload,
    onUpdate: (update) =>
      dispatch({ type: "update", view: update, at: new Date().toISOString() }),
    onNotice: (notice) => {
      if (notice.sessionId === id) add(notice);
    },
  });
  const isLive = isLiveState(view.state);
  const hasStarted = view.startedAt !== null;
  return (
    <article className="session" data-testid="live-session">
      <h1 className="session__title">
        {view.stationName ?? t("unknownStation")}
        <span className="session__connector">
          {t("connector", { connectorId: view.connectorId })}
        </span>
      </h1>
      <SessionHeadline state={view.state} />
      {hasStarted || view.energyKwh > 0 ? (
        <>
          <SessionFigures view={view} now={now} />
          <SessionOutlook view={view} now={now} />
          <SessionCost cost={view.cost} isFinal={!isLive} />
          <SessionChart series={series} />
        </>
      ) : null}
      <div className="session__actions">
        {/* Nothing to stop before the charger has opened the transaction: an unplugged request just lapses. */}
        {isLive && hasStarted ? <StopControl sessionId={view.id} /> : null}
        {view.state === "finished" ? (
          <Link
            className="session-button session-button--primary"
            href={`/sessions/${encodeURIComponent(view.id)}/receipt`}
          >
            {t("openReceipt")}
          </Link>
        ) : null}
        {view.state === "refused" || view.state === "no_answer" ? (
          <Link
            className="session-button session-button--primary"
            href={
              view.stationId
                ? `/stations/${encodeURIComponent(view.stationId)}`
                : "/"
            }
          >
            {t("backToStation")}
          </Link>
        ) : null}
      </div>
      <ToastRegion
        label={t("noticesRegion")}
        data={{ "account-joined": isJoined }}
      >
        <SessionNoticeToasts
          notices={notices}
          onDismiss={dismiss}
          linkToSession={false}
        />
      </ToastRegion>
    </article>
  );
}
