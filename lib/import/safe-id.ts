// Identifiers made from OCPI ids: upper-cased (OCPI CiString) with characters outside an alphabet replaced.

export function safeId(
  text: string,
  replacement: string,
  unsafe = /[^A-Z0-9._~-]/g,
): string {
  return text.trim().toUpperCase().replace(unsafe, replacement);
}
