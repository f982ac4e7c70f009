/**
 * The frame every dialog shares: a backdrop and a modal box labelled by its title. Escape
 * closes it only while `onEscape` is given, so a dialog that must not close mid-run (an export
 * writing its file) passes nothing then and lets the key through.
 */
import type { KeyboardEvent, ReactNode } from 'react';

export function Modal({
  labelledBy,
  describedBy,
  className,
  onEscape,
  children,
}: {
  labelledBy: string;
  describedBy?: string;
  /** After `card modal`: `modal--wide` and the dialog's own class. */
  className?: string;
  onEscape: (() => void) | undefined;
  children: ReactNode;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && onEscape) {
      event.stopPropagation();
      onEscape();
    }
  };
  return (
    <div className="modal-backdrop" onKeyDown={onKeyDown}>
      <div className={className ? `card modal ${className}` : 'card modal'} role="dialog" aria-modal="true" aria-labelledby={labelledBy} aria-describedby={describedBy}>
        {children}
      </div>
    </div>
  );
}
