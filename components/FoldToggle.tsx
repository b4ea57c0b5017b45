// The button that folds and unfolds a card's body (filters, an area alert, my alerts), with its ▴/▾ and aria state.
import type { ReactNode } from "react";

type FoldToggleProps = {
  className: string;
  isOpen: boolean;
  /** The id of the body it shows and hides. */
  controls: string;
  onToggle: (isOpen: boolean) => void;
  children: ReactNode;
};

export function FoldToggle({
  className,
  isOpen,
  controls,
  onToggle,
  children,
}: FoldToggleProps) {
  return (
    <button
      type="button"
      className={className}
      aria-expanded={isOpen}
      aria-controls={controls}
      onClick={() => onToggle(!isOpen)}
    >
      {children}
      {/* Kept on the label's last line: a lone arrow on a line of its own reads as a stray mark. */}
      <span aria-hidden="true">{isOpen ? "\u00a0▴" : "\u00a0▾"}</span>
    </button>
  );
}
