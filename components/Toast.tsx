// A toast and the live region toasts appear in: alerts ("CCS at Oriente is free") and session notices share them.
import type { ReactNode } from "react";

/**
 * Always in the page, so a toast added to it is announced (a region born with its toast is not). `data` goes on the
 * region as data-* attributes, for tests and tools to read (e.g. whether the page's events reach it).
 */
export function ToastRegion({
  label,
  data = {},
  children,
}: {
  label: string;
  data?: Record<string, string | boolean>;
  children: ReactNode;
}) {
  const attributes = Object.fromEntries(
    Object.entries(data).map(([key, value]) => [`data-${key}`, String(value)]),
  );
  return (
    <div
      className="alert-toasts"
      role="status"
      aria-live="polite"
      aria-label={label}
      {...attributes}
    >
      {children}
    </div>
  );
}

export function Toast({
  text,
  testId,
  children,
}: {
  text: ReactNode;
  testId: string;
  /** Its actions: buttons and links. */
  children: ReactNode;
}) {
  return (
    <div className="alert-toast" data-testid={testId}>
      <p className="alert-toast__text">{text}</p>
      <div className="alert-toast__actions">{children}</div>
    </div>
  );
}
