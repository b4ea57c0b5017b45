// The driver's session notices as toasts ("Your car reached 80 %", "Idle fee from 14:35"): on the session page, and
// on the map screens through the alerts' toast region, so a driver who wandered off to the map still sees them.
"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import type { SessionNoticeMessage } from "@/lib/sessions/contract";
import { formatClock } from "@/lib/i18n/format";
import { Toast } from "../Toast";
import { useAccountSocket } from "./useAccountSocket";

export type SessionNoticeToast = SessionNoticeMessage & { key: string };

let noticeCount = 0;

/** The notices shown, newest last; `add` takes one from `session:notice`. */
export function useSessionNoticeList() {
  const [notices, setNotices] = useState<SessionNoticeToast[]>([]);
  const add = useCallback((notice: SessionNoticeMessage) => {
    noticeCount += 1;
    const key = `session-notice-${noticeCount}`;
    setNotices((shown) => [...shown, { ...notice, key }]);
  }, []);
  const dismiss = useCallback(
    (key: string) => setNotices((shown) => shown.filter((n) => n.key !== key)),
    [],
  );
  return { notices, add, dismiss };
}

export function SessionNoticeToasts({
  notices,
  onDismiss,
  linkToSession,
}: {
  notices: SessionNoticeToast[];
  onDismiss(key: string): void;
  /** On the map the toast leads to the session; on the session page it is already there. */
  linkToSession: boolean;
}) {
  const t = useTranslations("Session");
  const format = useFormatter();
  return notices.map((notice) => (
    <Toast
      key={notice.key}
      testId="session-notice"
      text={
        notice.kind === "idle_fee_soon" && notice.idleFeeFrom
          ? t("notice.idle_fee_soon", {
              time: formatClock(new Date(notice.idleFeeFrom), format),
            })
          : t(
              `notice.${notice.kind === "idle_fee_soon" ? "idle_fee_now" : notice.kind}`,
            )
      }
    >
      {linkToSession ? (
        <Link
          href={`/sessions/${encodeURIComponent(notice.sessionId)}`}
          className="alert-button alert-button--primary"
          onClick={() => onDismiss(notice.key)}
        >
          {t("openSession")}
        </Link>
      ) : null}
      <button
        type="button"
        className="alert-button"
        onClick={() => onDismiss(notice.key)}
      >
        {t("dismiss")}
      </button>
    </Toast>
  ));
}

/** For the map screens: its own connection to the account's room (nothing reaches a signed-out driver). */
export function MapSessionNotices() {
  const { notices, add, dismiss } = useSessionNoticeList();
  useAccountSocket({ onNotice: add });
  return (
    <SessionNoticeToasts notices={notices} onDismiss={dismiss} linkToSession />
  );
}
