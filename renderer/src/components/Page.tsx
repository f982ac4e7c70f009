import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A screen: the top bar (breadcrumb, title, actions) and the content under it. The title
 * receives focus when the screen opens, so keyboard and screen reader users land on it.
 */
export function Page({
  title,
  icon,
  titleAddon,
  subtitle,
  breadcrumb,
  actions,
  children,
  focusKey,
}: {
  title: ReactNode;
  /** Before the title: the vendor mark. */
  icon?: ReactNode;
  /** After the title: the status pill. */
  titleAddon?: ReactNode;
  subtitle?: ReactNode;
  breadcrumb?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** Focus the title again when this changes (a new route on the same component). */
  focusKey?: string;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Only move focus on navigation, never steal it from a field the user is typing in.
    const active = document.activeElement;
    if (!active || active === document.body || !headingRef.current?.closest('main')?.contains(active)) {
      headingRef.current?.focus({ preventScroll: true });
    }
  }, [focusKey]);
  return (
    <div className="page">
      <header className="topbar">
        <div className="topbar__lead">
          {breadcrumb ? <nav className="breadcrumb" aria-label="Breadcrumb">{breadcrumb}</nav> : null}
          <div className="topbar__title-row">
            {icon}
            <h1 className="topbar__title" tabIndex={-1} ref={headingRef}>
              {title}
            </h1>
            {titleAddon}
          </div>
          {subtitle ? <div className="topbar__subtitle">{subtitle}</div> : null}
        </div>
        {actions ? <div className="topbar__actions">{actions}</div> : null}
      </header>
      <div className="page__body">{children}</div>
    </div>
  );
}
