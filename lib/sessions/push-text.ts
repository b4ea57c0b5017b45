// The words of a session notice's Web Push, in the language the driver started the session in.
import { formatClock } from "../i18n/format";
import { defaultLocale, isLocale } from "../i18n/locales";
import { wordsIn } from "../i18n/words";
import type { SessionNoticeKind, SessionPushPayload } from "./contract";

export type SessionNews = {
  sessionId: string;
  kind: SessionNoticeKind;
  stationName: string | null;
  energyKwh: number;
  idleFeeFrom?: Date;
};

const keys = {
  target_reached: ["targetReachedTitle", "targetReachedBody"],
  finished: ["finishedTitle", "finishedBody"],
  idle_fee_soon: ["idleFeeSoonTitle", "idleFeeSoonBody"],
} as const;

export function sessionPushPayload(
  news: SessionNews,
  locale: string,
): SessionPushPayload {
  const { t, format } = wordsIn(isLocale(locale) ? locale : defaultLocale);
  const values = {
    station: news.stationName ?? "Carrega",
    energy: format.number(news.energyKwh, { maximumFractionDigits: 1 }),
    time: news.idleFeeFrom ? formatClock(news.idleFeeFrom, format) : "",
  };
  const [title, body] = keys[news.kind];
  return {
    type: "session",
    sessionId: news.sessionId,
    kind: news.kind,
    title: t(`SessionPush.${title}`, values),
    body: t(`SessionPush.${body}`, values),
    url: `/sessions/${encodeURIComponent(news.sessionId)}`,
  };
}
