// One alert request at a time from a control: busy while it runs, and the server's message if it was refused.
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { AlertRequestError } from "./alertsApi";

export type AlertAction = {
  isBusy: boolean;
  problem: string | null;
  /** Runs `action`; resolves true when it succeeded. */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
};

export function useAlertAction(): AlertAction {
  const t = useTranslations("Alerts");
  const [isBusy, setIsBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setIsBusy(true);
      setProblem(null);
      try {
        await action();
        return true;
      } catch (error) {
        // The server's words when it answered (400 names the field, 429 says to wait); ours when it could not.
        setProblem(
          error instanceof AlertRequestError ? error.message : t("failed"),
        );
        return false;
      } finally {
        setIsBusy(false);
      }
    },
    [t],
  );
  return { isBusy, problem, run };
}
