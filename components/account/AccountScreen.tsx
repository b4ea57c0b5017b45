// The account page's body: sign in or up when signed out; signed in, who, the tokens, and sign out.
"use client";

import { useTranslations } from "next-intl";
import { AccountTokens } from "./AccountTokens";
import { getAuthClient } from "./authClient";
import { SignInForm } from "./SignInForm";
import styles from "./account.module.css";

/** `next`: where the driver came from (checked as a path on this site by the page). */
export function AccountScreen({ next }: { next: string | null }) {
  const t = useTranslations("Account");
  const { data, isPending, refetch } = getAuthClient().useSession();

  function signedIn() {
    // A full load, not a client-side push: the socket.io handshake carries the new cookie only on a new connection.
    if (next) window.location.assign(next);
    else void refetch();
  }

  async function signOut() {
    await getAuthClient().signOut();
    void refetch();
  }

  if (isPending) return <p className={styles.intro}>{t("loading")}</p>;
  if (!data)
    return (
      <>
        {next && <p className={styles.returnNote}>{t("returnNote")}</p>}
        <SignInForm onSignedIn={signedIn} />
      </>
    );
  return (
    <>
      <section className={styles.card}>
        <p className={styles.who} data-testid="signed-in-as">
          {t.rich("signedInAs", {
            email: data.user.email,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
        <div className={styles.actions}>
          {next && (
            <a className={styles.primary} href={next}>
              {t("continue")}
            </a>
          )}
          <button
            className={styles.secondary}
            type="button"
            onClick={() => void signOut()}
          >
            {t("signOut")}
          </button>
        </div>
      </section>
      <AccountTokens />
    </>
  );
}
