/** An on/off control: a checkbox with role="switch", drawn as a track and thumb, with its state in words. */
import type { ReactNode } from 'react';

export function Switch({
  checked,
  onChange,
  label,
  busy = false,
  disabled = false,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The accessible name, when no visible label names the switch. */
  label?: string;
  busy?: boolean;
  disabled?: boolean;
  /** Visible words beside the track; "On"/"Off" when none are given. */
  children?: ReactNode;
}) {
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        className="switch__input"
        checked={checked}
        disabled={disabled}
        aria-busy={busy || undefined}
        aria-label={label}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span className="switch__track" aria-hidden="true">
        <span className="switch__thumb" />
      </span>
      {children ?? (
        <span className="switch__text" aria-hidden="true">
          {checked ? 'On' : 'Off'}
        </span>
      )}
    </label>
  );
}
