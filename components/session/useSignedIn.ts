// Whether this browser is signed in to a driver account, from Better Auth's own session route.
import { useEffect, useState } from "react";

/** "checking" until the browser has asked (and the page is live); "unknown" when it could not ask. */
export type SignedIn = "checking" | "unknown" | boolean;

export function useSignedIn(): SignedIn {
  const [isSignedIn, setIsSignedIn] = useState<SignedIn>("checking");
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/auth/get-session", {
      credentials: "same-origin",
      cache: "no-store",
      signal: controller.signal,
    })
      .then((response) => (response.ok ? response.json() : null))
      // Better Auth answers null (not 401) for a browser with no session.
      .then((body: unknown) => setIsSignedIn(Boolean(body)))
      // The Start button still works, and a 401 sends the driver to sign in.
      .catch(() => setIsSignedIn("unknown"));
    return () => controller.abort();
  }, []);
  return isSignedIn;
}
