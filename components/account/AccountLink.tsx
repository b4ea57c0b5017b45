// The map header's way to the account: "Sign in" when signed out, "Account" when in; back here after.
"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { getAuthClient } from "./authClient";
import styles from "./account.module.css";

export function AccountLink() {
  const t = useTranslations("Account");
  const pathname = usePathname();
  const { data } = getAuthClient().useSession();
  const href =
    pathname && pathname !== "/"
      ? `/account?next=${encodeURIComponent(pathname)}`
      : "/account";
  return (
    <Link className={styles.headerLink} href={href} data-testid="account-link">
      {data ? t("headerAccount") : t("headerSignIn")}
    </Link>
  );
}
