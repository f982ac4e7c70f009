/**
 * "Reclaim…" in the candidates bulk bar. Reclaim runs through one integration's connection,
 * so it acts on a selection from one integration, or, with nothing selected, on every approved
 * candidate of the integration in view (the record's tab, or the page filtered to one).
 */
import { useRef, useState } from 'react';
import { Button } from '../../components/Button.js';
import type { MethodOutput } from '../../types.js';
import { ReclaimDialog } from './ReclaimDialog.js';
import type { ReclaimSelection } from './store.js';

type CandidateRow = MethodOutput<'candidates:list'>[number];

export interface ReclaimTarget {
  selection: ReclaimSelection | null;
  label: string;
  /** Why the button is disabled, as its tooltip and accessible description. */
  reason?: string;
}

export function reclaimTarget(selected: readonly CandidateRow[], profileInView: string | null, approvedInView: number): ReclaimTarget {
  if (selected.length > 0) {
    const profiles = new Set(selected.map((row) => row.profileId));
    if (profiles.size > 1) return { selection: null, label: 'Reclaim…', reason: 'Select candidates of one integration: each reclaim goes through its own connection.' };
    return { selection: { profileId: selected[0]!.profileId, candidateIds: selected.map((row) => row.id) }, label: 'Reclaim…' };
  }
  if (!profileInView) return { selection: null, label: 'Reclaim approved…', reason: 'Select candidates, or filter to one integration to reclaim its approved seats.' };
  if (approvedInView === 0) return { selection: null, label: 'Reclaim approved…', reason: 'Approve candidates first: only approved seats are reclaimed.' };
  return { selection: { profileId: profileInView, approved: true }, label: 'Reclaim approved…' };
}

export function ReclaimButton({ target, onFinished }: { target: ReclaimTarget; onFinished: () => void }) {
  const [open, setOpen] = useState<ReclaimSelection | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button
        ref={buttonRef}
        size="sm"
        variant="danger"
        disabled={!target.selection}
        title={target.reason}
        aria-haspopup="dialog"
        onClick={() => setOpen(target.selection)}
      >
        {target.label}
      </Button>
      {open ? (
        <ReclaimDialog
          selection={open}
          onClose={(changed) => {
            setOpen(null);
            buttonRef.current?.focus();
            if (changed) onFinished();
          }}
        />
      ) : null}
    </>
  );
}
