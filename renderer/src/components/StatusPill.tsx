import type { ReactNode } from 'react';
import type { Tone } from '../lib/status.js';

/** A small rounded label with a dot: the one way the app shows a state. */
export function StatusPill({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`pill pill--${tone}`} title={title}>
      <span className="pill__dot" aria-hidden="true" />
      {children}
    </span>
  );
}

/** A quieter tag without a dot, for attributes (Admin, Free, Owner). */
export function Tag({ children, tone = 'neutral', title }: { children: ReactNode; tone?: Tone; title?: string }) {
  return (
    <span className={`tag tag--${tone}`} title={title}>
      {children}
    </span>
  );
}
