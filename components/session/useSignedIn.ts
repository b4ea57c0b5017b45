// Whether this browser is signed in to a driver account, from Better Auth's own session route; null until known.
import { useEffect, useState } from "react";

export function useSignedIn(): boolean | null {
  const [isSignedIn, setIsSignedIn] = useState<boolean | null>(null);
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
      // Unknown stays unknown: the Start button still works, and a 401 sends the driver to sign in.
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return isSignedIn;
}
