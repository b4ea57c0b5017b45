// The browser's calls to the session routes (issue 15's contract): start, read, chart series, target, stop.
import type {
  SessionSeriesPoint,
  SessionState,
  SessionTarget,
  SessionView,
} from "@/lib/sessions/contract";
import { callApi } from "../apiCall";

const sessionPath = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

/** 202 `{ id, state }`; 401 when signed out (ApiRequestError). */
export function startSession(request: {
  chargePointId: string;
  connectorId: number;
  target?: SessionTarget;
}): Promise<{ id: string; state: SessionState }> {
  return callApi("/api/sessions", {
    method: "POST",
    body: JSON.stringify(request),
  });
}

export function getSession(id: string): Promise<SessionView> {
  return callApi(sessionPath(id));
}

export async function getSessionSeries(
  id: string,
): Promise<SessionSeriesPoint[]> {
  return (
    await callApi<{ points: SessionSeriesPoint[] }>(`${sessionPath(id)}/series`)
  ).points;
}

export function changeTarget(
  id: string,
  target: SessionTarget,
): Promise<SessionView> {
  return callApi(sessionPath(id), {
    method: "PATCH",
    body: JSON.stringify({ target }),
  });
}

export function stopSession(id: string): Promise<unknown> {
  return callApi(`${sessionPath(id)}/stop`, { method: "POST" });
}
