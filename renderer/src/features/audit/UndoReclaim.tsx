/**
 * Undo from the audit log: a reclaimed seat's event offers to give the seat back (the vendor
 * re-adds or reactivates it), once. Refusals (a vendor without undo, a removed connection)
 * are shown beside the button.
 */
import { useState } from 'react';
import { api, errorMessage } from '../../api.js';
import { Button } from '../../components/Button.js';
import type { AuditEvent } from './model.js';
import { useAuditStore } from './store.js';

/** Whether a `reclaim.seat` event has been undone already (a `reclaim.undo` names it). */
export function isUndone(events: readonly AuditEvent[], auditId: string): boolean {
  return events.some((e) => e.action === 'reclaim.undo' && (e.after as { undoOf?: unknown } | undefined)?.undoOf === auditId);
}

export function UndoReclaim({ event }: { event: AuditEvent }) {
  const undone = useAuditStore((state) => isUndone(state.events, event.id));
  const load = useAuditStore((state) => state.load);
  const [state, setState] = useState<{ status: 'idle' | 'running' } | { status: 'error'; error: string }>({ status: 'idle' });
  if (event.action !== 'reclaim.seat') return null;
  if (undone) return <p className="muted audit-detail__undo">This reclaim has been undone: the seat was given back.</p>;

  const undo = async () => {
    setState({ status: 'running' });
    try {
      await api.call('reclaim:undo', { auditId: event.id });
      setState({ status: 'idle' });
      await load();
    } catch (error) {
      setState({ status: 'error', error: errorMessage(error) });
    }
  };

  return (
    <div className="audit-detail__undo">
      <Button size="sm" busy={state.status === 'running'} onClick={() => void undo()}>
        Undo this reclaim
      </Button>
      {state.status === 'error' ? (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
