// "Print": the browser's print dialog, where a driver can also save the receipt as a PDF.
"use client";

import { useTranslations } from "next-intl";

export function PrintButton() {
  const t = useTranslations("Session");
  return (
    <button
      type="button"
      className="session-button session-button--primary receipt-print"
      onClick={() => window.print()}
    >
      {t("receipt.print")}
    </button>
  );
}
