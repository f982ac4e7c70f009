import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'sm' | 'md';
  icon?: ReactNode;
  /** Shows a spinner and marks the button busy; it stays focusable but does nothing. */
  busy?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', size = 'md', icon, busy = false, className, children, type = 'button', disabled, onClick, ...rest },
  ref,
) {
  const classes = ['btn', `btn--${variant}`, `btn--${size}`, busy ? 'is-busy' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button
      ref={ref}
      type={type}
      className={classes}
      disabled={disabled}
      aria-busy={busy || undefined}
      onClick={busy ? (event) => event.preventDefault() : onClick}
      {...rest}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : icon}
      {children ? <span className="btn__label">{children}</span> : null}
    </button>
  );
});

/** A link styled as a button: for navigation (New integration, Back to home). */
export function ButtonLink({
  href,
  variant = 'secondary',
  size = 'md',
  icon,
  children,
  className,
}: {
  href: string;
  variant?: ButtonVariant;
  size?: 'sm' | 'md';
  icon?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <a href={href} className={['btn', `btn--${variant}`, `btn--${size}`, className ?? ''].filter(Boolean).join(' ')}>
      {icon}
      <span className="btn__label">{children}</span>
    </a>
  );
}
