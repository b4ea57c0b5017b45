// A driver's live session at /sessions/{id}: read on the server for its owner only (anyone else gets the 404 page,
// and their socket is in no room that carries it), then live in the browser over the account's socket.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getNow, getTranslations } from "next-intl/server";
import { LiveSession } from "@/components/session/LiveSession";
import { findPageAccount } from "../pageAccount";
import { readOwnSession } from "../reads";

type SessionPageProps = { params: Promise<{ sessionId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Session");
  return { title: t("pageTitle"), robots: { index: false } };
}

export default async function SessionPage({ params }: SessionPageProps) {
  const { sessionId } = await params;
  const account = await findPageAccount();
  // Signed out: sign in and come back (any id gets this, so it says nothing about whether the session exists).
  if (!account)
    redirect(`/account?next=${encodeURIComponent(`/sessions/${sessionId}`)}`);
  const session = await readOwnSession(account, sessionId);
  if (!session) notFound();
  return (
    <LiveSession
      key={session.view.id}
      view={session.view}
      series={session.series}
      renderedAt={(await getNow()).getTime()}
    />
  );
}
