// The alerts' small pictures, drawn inline: a bell for "tell me", a bolt for "it is free" (no emoji font is assumed).
export function BellGlyph() {
  return (
    <svg
      className="alert-glyph"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm-2.4 16a2.5 2.5 0 0 0 4.8 0z"
        fill="currentColor"
      />
    </svg>
  );
}

export function BoltGlyph() {
  return (
    <svg
      className="alert-glyph"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M13.5 2 5 14h5.8L9.6 22 19 10h-5.8z" fill="currentColor" />
    </svg>
  );
}
