// Where to send a driver after signing in: a path on this site taken from `?next=`, never another site.

/**
 * `next` when it is a path on this site ("/stations/abc?x=1"), else null. "//evil.example" and "/\evil.example"
 * are other sites to a browser, and a scheme ("javascript:") is never a path.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || next.length > 500) return null;
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\"))
    return null;
  try {
    const base = "http://carrega.invalid";
    const url = new URL(next, base);
    if (url.origin !== base) return null;
    if (url.pathname.startsWith("/account")) return null; // back to this page would loop
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null; // not a URL at all: no place to go back to
  }
}
