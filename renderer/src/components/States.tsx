import type { ReactNode } from 'react';
import { AlertIcon, CheckIcon, InfoIcon } from './icons.js';
import { Button } from './Button.js';

/** A designed empty state: an illustration, what this place is for, and the next step. */
export function EmptyState({
  art,
  title,
  children,
  actions,
  headingLevel = 2,
}: {
  art?: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="empty-state">
      {art ? <div className="empty-state__art">{art}</div> : null}
      <Heading className="empty-state__title">{title}</Heading>
      {children ? <div className="empty-state__body">{children}</div> : null}
      {actions ? <div className="empty-state__actions">{actions}</div> : null}
    </div>
  );
}

/** What went wrong, in the service's own words, and a way to try again. */
export function ErrorState({
  title,
  message,
  onRetry,
  retrying = false,
}: {
  title: string;
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  return (
    <div className="error-state" role="alert">
      <span className="error-state__icon" aria-hidden="true">
        <AlertIcon size={20} />
      </span>
      <div className="error-state__text">
        <h2 className="error-state__title">{title}</h2>
        <p className="error-state__message">{message}</p>
      </div>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry} busy={retrying}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

/** An inline banner: the top-of-form server error, a warning on a record. */
export function Banner({
  tone,
  title,
  children,
  role,
}: {
  tone: 'danger' | 'warning' | 'info' | 'success';
  title?: string;
  children?: ReactNode;
  role?: 'alert' | 'status';
}) {
  return (
    <div className={`banner banner--${tone}`} role={role}>
      <span className="banner__icon" aria-hidden="true">
        {tone === 'info' ? <InfoIcon size={18} /> : tone === 'success' ? <CheckIcon size={18} /> : <AlertIcon size={18} />}
      </span>
      <div className="banner__text">
        {title ? <p className="banner__title">{title}</p> : null}
        {children ? <div className="banner__body">{children}</div> : null}
      </div>
    </div>
  );
}

/** Grey placeholder bars shaped like the content that is loading. */
export function Skeleton({ width, height = 12, className }: { width?: number | string; height?: number; className?: string }) {
  return <span className={className ? `skeleton ${className}` : 'skeleton'} style={{ width, height }} aria-hidden="true" />;
}

/** Announces "Loading …" to assistive technology while skeletons show. */
export function LoadingRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="loading-region" aria-busy="true">
      <span className="visually-hidden" role="status">
        {label}
      </span>
      {children}
    </div>
  );
}
