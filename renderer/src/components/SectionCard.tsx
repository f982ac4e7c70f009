/**
 * A card that is one titled section of a tab (rules, exclusions, entitlements, software
 * models): the title labels the section, a line under it says what it holds, and an aside
 * such as a count sits at the right. The content goes flush under the header.
 */
import type { ReactNode } from 'react';

export function SectionCard({
  titleId,
  title,
  lead,
  aside,
  className,
  children,
}: {
  /** The title's id: it names the section, and the section's table can point at it too. */
  titleId: string;
  title: ReactNode;
  lead: ReactNode;
  aside?: ReactNode;
  /** After `card card--flush`, for the section's own spacing. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={className ? `card card--flush ${className}` : 'card card--flush'} aria-labelledby={titleId}>
      <header className="card__header card__header--section">
        <div>
          <h2 className="card__title" id={titleId}>
            {title}
          </h2>
          <p className="card__lead">{lead}</p>
        </div>
        {aside}
      </header>
      {children}
    </section>
  );
}

export interface SectionNote {
  tone: 'success' | 'danger';
  text: string;
}

/** The status line under a section's header: what the last save or removal did. */
export function SectionAnnouncer({ className, testId, note }: { className: string; testId: string; note: SectionNote | null }) {
  return (
    <div className={className} role="status" data-testid={testId}>
      {note ? <p className={`section-note section-note--${note.tone}`}>{note.text}</p> : null}
    </div>
  );
}
