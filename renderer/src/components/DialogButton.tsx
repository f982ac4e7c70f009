import { useRef, useState, type ReactNode } from 'react';
import { Button } from './Button.js';

/**
 * A button that opens a dialog. `dialog` draws it, given the way to close it; closing gives
 * focus back to the button, so keyboard users carry on where they were.
 */
export function DialogButton({
  label,
  size,
  disabled,
  dialog,
}: {
  label: string;
  size?: 'sm' | 'md';
  disabled: boolean;
  dialog: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  return (
    <>
      <Button ref={buttonRef} size={size} onClick={() => setOpen(true)} disabled={disabled} aria-haspopup="dialog">
        {label}
      </Button>
      {open ? <DialogSlot dialog={dialog} close={close} /> : null}
    </>
  );
}

/** The dialog, drawn by a component of its own: `close` goes to it as a prop, for its events to call, not during this render. */
function DialogSlot({ dialog, close }: { dialog: (close: () => void) => ReactNode; close: () => void }) {
  return dialog(close);
}
