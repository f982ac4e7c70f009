/**
 * "Reclaim…" in the candidates bulk bar. Reclaim runs through one integration's connection,
 * so it acts on a selection from one integration, or, with nothing selected, on every approved
 * candidate of one integration: the one in view (the record's tab, or the page filtered to
 * it), or the only one with approved candidates. When it cannot act, the bar says why in words
 * beside it, not only in a tooltip.
 */
import { useRef, useState } from 'react';
import { Button } from '../../components/Button.js';
import { plural } from '../../lib/format.js';
import type { MethodOutput } from '../../types.js';
import { ReclaimDialog } from './ReclaimDialog.js';
import type { ReclaimSelection } from './store.js';

type CandidateRow = MethodOutput<'candidates:list'>[number];

export interface ReclaimTarget {
  selection: ReclaimSelection | null;
  label: string;
  /** Why the button is disabled: shown beside it and as its description. */
  reason?: string;
}

/** Approved candidates per integration, of the whole list (filters aside). */
export type ApprovedByProfile = ReadonlyMap<string, number>;

export function reclaimTarget(selected: readonly CandidateRow[], profileInView: string | null, approved: ApprovedByProfile): ReclaimTarget {
  if (selected.length > 0) {
    const profiles = new Set(selected.map((row) => row.profileId));
    if (profiles.size > 1) return { selection: null, label: 'Reclaim…', reason: 'To reclaim, select candidates of one integration: each reclaim goes through its own connection.' };
    return { selection: { profileId: selected[0]!.profileId, candidateIds: selected.map((row) => row.id) }, label: 'Reclaim…' };
  }
  const withApproved = [...approved.entries()].filter(([, count]) => count > 0);
  const inView = profileInView ?? (withApproved.length === 1 ? withApproved[0]![0] : null);
  if (!inView) {
    if (withApproved.length === 0) return { selection: null, label: 'Reclaim approved…', reason: 'To reclaim, approve candidates first: only approved seats are reclaimed.' };
    return {
      selection: null,
      label: 'Reclaim approved…',
      reason: `Approved seats are in ${plural(withApproved.length, 'integration')}: to reclaim, filter to one integration or select its candidates (each reclaim goes through its own connection).`,
    };
  }
  if ((approved.get(inView) ?? 0) === 0) return { selection: null, label: 'Reclaim approved…', reason: 'To reclaim, approve candidates first: only approved seats are reclaimed.' };
  return { selection: { profileId: inView, approved: true }, label: 'Reclaim approved…' };
}

export function ReclaimButton({ target, reasonId, onFinished }: { target: ReclaimTarget; reasonId?: string; onFinished: () => void }) {
  const [open, setOpen] = useState<ReclaimSelection | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button
        ref={buttonRef}
        size="sm"
        variant="danger"
        disabled={!target.selection}
        aria-describedby={target.reason && reasonId ? reasonId : undefined}
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
