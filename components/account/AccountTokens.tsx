// The account's tokens: its app token and RFID cards, with "add an RFID card" and removing a card.
"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import type { TokenView } from "@/lib/auth/contract";
import { ID_TAG_PATTERN } from "@/lib/auth/contract";
import {
  addCard,
  fetchTokens,
  removeCard,
  TokensError,
  type CardProblem,
} from "./tokensApi";
import styles from "./account.module.css";

/** The input's `pattern` is anchored by the browser. */
const CARD_PATTERN = ID_TAG_PATTERN.source.slice(1, -1);

const problemOf = (error: unknown): CardProblem =>
  error instanceof TokensError ? error.problem : "generic";

export function AccountTokens() {
  const t = useTranslations("Account");
  const [tokens, setTokens] = useState<TokenView[] | null>(null);
  const [problem, setProblem] = useState<CardProblem | null>(null);
  const [isBusy, setBusy] = useState(false);
  const id = useId();

  const show = useCallback(
    (work: Promise<TokenView[]>) =>
      work.then(setTokens, (error: unknown) => setProblem(problemOf(error))),
    [],
  );
  const load = useCallback(() => show(fetchTokens()), [show]);

  useEffect(() => {
    void show(fetchTokens());
  }, [show]);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const idTag = String(new FormData(form).get("idTag") ?? "").trim();
    setBusy(true);
    setProblem(null);
    try {
      await addCard(idTag);
      form.reset();
      await load();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  }

  async function remove(idTag: string) {
    setProblem(null);
    try {
      await removeCard(idTag);
      await load();
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return (
    <section className={styles.card} aria-labelledby={`${id}-tokens`}>
      <h2 id={`${id}-tokens`} className={styles.title}>
        {t("tokensTitle")}
      </h2>
      <p className={styles.intro}>{t("tokensIntro")}</p>
      {tokens === null && !problem && (
        <p className={styles.intro}>{t("loading")}</p>
      )}
      {tokens && (
        <ul className={styles.tokens} data-testid="account-tokens">
          {tokens.map((token) => (
            <li key={token.idTag} className={styles.token}>
              <span className={styles.tokenKind} data-kind={token.kind}>
                {token.kind === "app" ? t("kindApp") : t("kindRfid")}
              </span>
              <code className={styles.tokenId}>{token.idTag}</code>
              {token.kind === "rfid" && (
                <button
                  type="button"
                  className={styles.remove}
                  onClick={() => void remove(token.idTag)}
                  aria-label={t("removeCard", { idTag: token.idTag })}
                >
                  {t("remove")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className={styles.addCard} onSubmit={(event) => void add(event)}>
        <label className={styles.field}>
          <span>{t("addCard")}</span>
          <input
            name="idTag"
            required
            maxLength={20}
            pattern={CARD_PATTERN}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-card-hint${problem ? ` ${id}-card-problem` : ""}`}
            aria-invalid={problem === "taken" || problem === "malformed"}
          />
          <small id={`${id}-card-hint`} className={styles.hint}>
            {t("cardHint")}
          </small>
        </label>
        {problem && (
          <p
            id={`${id}-card-problem`}
            className={styles.problem}
            role="alert"
            data-testid="card-problem"
          >
            {t(`cardProblem.${problem}`)}
          </p>
        )}
        <button className={styles.secondary} type="submit" disabled={isBusy}>
          {t("addCardButton")}
        </button>
      </form>
    </section>
  );
}
