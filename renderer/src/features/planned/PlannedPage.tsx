/**
 * The outline of a section still to come: what it will hold, and the shape of its table, so
 * the place is recognisable and honest about what is not there yet.
 */
import type { ReactNode } from 'react';
import { ButtonLink } from '../../components/Button.js';
import { href } from '../../router.js';

export interface PlannedSection {
  icon: ReactNode;
  heading: string;
  body: string;
  points: string[];
  /** Column headers of the table this screen will show. */
  outline: string[];
}

export function PlannedCard({ section }: { section: PlannedSection }) {
  return (
    <div className="card planned">
      <div className="planned__intro">
        <span className="empty-icon">{section.icon}</span>
        <div>
          <h2 className="planned__heading">{section.heading}</h2>
          <p className="planned__body">{section.body}</p>
          <ul className="planned__points">
            {section.points.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
          <ButtonLink href={href({ name: 'home' })} size="sm">
            See your integrations
          </ButtonLink>
        </div>
      </div>
      {section.outline.length > 0 ? (
        <div className="planned__outline" aria-hidden="true">
          <div className="planned__outline-head">
            {section.outline.map((column) => (
              <span key={column}>{column}</span>
            ))}
          </div>
          {[0, 1, 2].map((row) => (
            <div className="planned__outline-row" key={row}>
              {section.outline.map((column) => (
                <span key={column} className="planned__bar" />
              ))}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
