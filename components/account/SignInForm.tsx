// Sign in or create an account with e-mail and password; a failure says why (wrong password, taken e-mail, too many).
"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { authProblem, type AuthProblem } from "./authErrors";
import { getAuthClient } from "./authClient";
import styles from "./account.module.css";

type Mode = "signIn" | "signUp";

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const t = useTranslations("Account");
  const [mode, setMode] = useState<Mode>("signIn");
  const [problem, setProblem] = useState<AuthProblem | null>(null);
  const [isBusy, setBusy] = useState(false);
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setProblem(null);
    const client = getAuthClient();
    const { error } =
      mode === "signIn"
        ? await client.signIn.email({ email, password })
        : await client.signUp.email({
            email,
            password,
            name: String(form.get("name") ?? "").trim() || email.split("@")[0],
          });
    setBusy(false);
    if (error) setProblem(authProblem(error));
    else onSignedIn();
  }

  const switchTo = (next: Mode) => {
    setMode(next);
    setProblem(null);
  };

  return (
    <form
      className={styles.card}
      onSubmit={(event) => void submit(event)}
      aria-labelledby={`${id}-title`}
      noValidate={false}
    >
      <h2 id={`${id}-title`} className={styles.title}>
        {mode === "signIn" ? t("signInTitle") : t("signUpTitle")}
      </h2>
      <p className={styles.intro}>{t("intro")}</p>
      {mode === "signUp" && (
        <label className={styles.field}>
          <span>{t("name")}</span>
          <input name="name" autoComplete="name" maxLength={80} />
        </label>
      )}
      <label className={styles.field}>
        <span>{t("email")}</span>
        <input
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
        />
      </label>
      <label className={styles.field}>
        <span>{t("password")}</span>
        <input
          name="password"
          type="password"
          autoComplete={mode === "signIn" ? "current-password" : "new-password"}
          minLength={mode === "signUp" ? 8 : undefined}
          required
          aria-describedby={mode === "signUp" ? `${id}-hint` : undefined}
        />
        {mode === "signUp" && (
          <small id={`${id}-hint`} className={styles.hint}>
            {t("passwordHint")}
          </small>
        )}
      </label>
      {problem && (
        <p className={styles.problem} role="alert" data-testid="auth-problem">
          {t(`problem.${problem}`)}
        </p>
      )}
      <button className={styles.primary} type="submit" disabled={isBusy}>
        {isBusy ? t("working") : mode === "signIn" ? t("signIn") : t("signUp")}
      </button>
      <button
        className={styles.link}
        type="button"
        onClick={() => switchTo(mode === "signIn" ? "signUp" : "signIn")}
      >
        {mode === "signIn" ? t("toSignUp") : t("toSignIn")}
      </button>
    </form>
  );
}
