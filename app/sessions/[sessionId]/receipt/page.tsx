// A session's receipt at /sessions/{id}/receipt, for its owner only, ready to print.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/session/PrintButton";
import { Receipt } from "@/components/session/Receipt";
import { findPageAccount } from "../../pageAccount";
import { readOwnReceipt } from "../../reads";

type ReceiptPageProps = { params: Promise<{ sessionId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Session");
  return { title: t("receipt.pageTitle"), robots: { index: false } };
}

export default async function ReceiptPage({ params }: ReceiptPageProps) {
  const { sessionId } = await params;
  const account = await findPageAccount();
  if (!account)
    redirect(
      `/account?next=${encodeURIComponent(`/sessions/${sessionId}/receipt`)}`,
    );
  const receipt = await readOwnReceipt(account, sessionId);
  if (!receipt) notFound();
  const { tariff, ...session } = receipt;
  return (
    <div className="session-card">
      <Receipt session={session} tariff={tariff} />
      <PrintButton />
    </div>
  );
}
