// What is happening now, in one line a driver reads in two seconds, and what to do about it: "Plug in your car".
import { useTranslations } from "next-intl";
import type { SessionState } from "@/lib/sessions/contract";

/** How each state looks: going well, waiting on the driver, or ended badly. */
const tone: Record<SessionState, "ok" | "wait" | "bad" | "done"> = {
  starting: "wait",
  waiting_for_car: "wait",
  charging: "ok",
  suspended: "wait",
  finishing: "done",
  finished: "done",
  refused: "bad",
  no_answer: "bad",
};

export function SessionHeadline({ state }: { state: SessionState }) {
  const t = useTranslations("Session");
  return (
    // Announced as it changes: a driver with the phone in a pocket hears "Charging".
    <div
      className={`session-headline session-headline--${tone[state]}`}
      role="status"
      aria-live="polite"
      data-testid="session-state"
      data-state={state}
    >
      <p className="session-headline__title">{t(`state.${state}`)}</p>
      <p className="session-headline__hint">{t(`hint.${state}`)}</p>
    </div>
  );
}
