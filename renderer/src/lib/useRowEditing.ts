import { useRef, useState } from 'react';

/**
 * Which row of a table has its inline form open, one at a time. Closing the form gives focus
 * back to the row's Edit button, so keyboard users keep their place in the table.
 */
export function useRowEditing() {
  const [editing, setEditing] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  return {
    editing,
    open: setEditing,
    close(key: string): void {
      setEditing(null);
      // After the form row is gone and the button is enabled again.
      window.requestAnimationFrame(() => buttons.current.get(key)?.focus());
    },
    /** The ref for the Edit button of the row `key`. */
    buttonRef(key: string) {
      return (element: HTMLButtonElement | null) => {
        if (element) buttons.current.set(key, element);
        else buttons.current.delete(key);
      };
    },
  };
}
