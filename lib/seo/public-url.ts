// The absolute origin of the links Carrega gives out (canonical URLs, Open Graph): PUBLIC_URL, else the request's.

/**
 * PUBLIC_URL when set. Otherwise the Host the browser asked for, over https when a TLS proxy says so
 * (X-Forwarded-Proto) or this process serves TLS itself. Host is the client's word: set PUBLIC_URL in production so
 * a crafted Host cannot choose the canonical URL that crawlers and chat previews read.
 */
export function publicOrigin(
  publicUrl: string | undefined,
  request: Pick<Headers, "get">,
  isTls: boolean,
): string {
  if (publicUrl) return publicUrl;
  const forwarded = request.get("x-forwarded-proto")?.split(",")[0].trim();
  const protocol =
    forwarded === "https" || forwarded === "http"
      ? forwarded
      : isTls
        ? "https"
        : "http";
  return `${protocol}://${request.get("host") ?? "localhost"}`;
}
