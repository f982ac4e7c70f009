/**
 * The reclaim dialog: dry run first, then confirmation, then each seat's outcome. The dry run
 * lists the exact vendor calls; a real run of more than `confirmAbove` seats needs the count
 * typed, as the CLI needs `--yes`: a wrong reclaim takes a working person's seat.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../components/Button.js';
import { Modal } from '../../components/Modal.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { StatusPill } from '../../components/StatusPill.js';
import { formatCurrency, plural } from '../../lib/format.js';
import { vendorLook } from '../../lib/vendors.js';
import { useReclaimStore, type ReclaimPlanView, type ReclaimSelection } from './store.js';
import { TaskListDialog } from './TaskListDialog.js';
import './reclaim.css';

/** Rows drawn at once in the call and outcome lists; the rest is counted, not drawn. */
const SHOWN = 200;

export function ReclaimDialog({ selection, onClose }: { selection: ReclaimSelection; onClose: (changed: boolean) => void }) {
  const ids = useId();
  const phase = useReclaimStore((state) => state.phase);
  const plan = useReclaimStore((state) => state.plan);
  const result = useReclaimStore((state) => state.result);
  const error = useReclaimStore((state) => state.error);
  const preview = useReclaimStore((state) => state.preview);
  const run = useReclaimStore((state) => state.run);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);

  // The selection's content, not its identity: a parent re-render must not re-plan.
  const selectionKey = JSON.stringify(selection);
  useEffect(() => {
    void preview(JSON.parse(selectionKey) as ReclaimSelection);
    titleRef.current?.focus();
    return () => useReclaimStore.getState().reset();
  }, [selectionKey, preview]);

  const running = phase === 'running';
  const close = () => {
    if (!running) onClose(result !== null);
  };

  const count = plan?.calls.length ?? 0;
  const needsTyping = plan !== null && count > plan.confirmAbove;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (needsTyping && Number(typed.trim()) !== count) {
      setTypedError(`Type ${count} to confirm.`);
      return;
    }
    setTypedError(null);
    void run(needsTyping ? count : undefined);
  };

  // An app with no API: its reclaim is a task list to copy, with no vendor call to confirm.
  if (plan?.vendor === 'csv') return <TaskListDialog selection={selection} profileName={plan.profileName} onClose={onClose} />;

  return (
    <Modal labelledBy={`${ids}-title`} className="modal--wide reclaim" onEscape={close}>
      <form onSubmit={submit}>
        <h2 id={`${ids}-title`} className="modal__title" tabIndex={-1} ref={titleRef}>
          {result ? 'Reclaim finished' : plan ? `Reclaim ${plural(count, 'seat')} in ${plan.profileName}` : 'Reclaim seats'}
        </h2>
        <div aria-live="polite">
          {phase === 'planning' ? (
            <>
              <ProgressBar fraction={null} label="Working out the vendor calls" size="regular" />
              <p className="muted">Working out the vendor calls… nothing is changed.</p>
            </>
          ) : null}
          {phase === 'error' ? (
            <p className="field-error" role="alert">
              Seatwise could not plan the reclaim: {error}
            </p>
          ) : null}
          {plan && !result ? <PlanView running={running} /> : null}
          {result ? <ResultView /> : null}
        </div>
        {plan && !result && count > 0 ? (
          <div className="reclaim__confirm">
            {needsTyping ? (
              <>
                <label htmlFor={`${ids}-count`} className="modal__label">
                  This takes {count} seats away. Type {count} to confirm.
                </label>
                <input
                  id={`${ids}-count`}
                  className="input reclaim__count"
                  inputMode="numeric"
                  autoComplete="off"
                  value={typed}
                  disabled={running}
                  aria-invalid={typedError ? true : undefined}
                  aria-describedby={typedError ? `${ids}-count-error` : undefined}
                  onChange={(event) => setTyped(event.target.value)}
                />
                {typedError ? (
                  <p id={`${ids}-count-error`} className="field-error" role="alert">
                    {typedError}
                  </p>
                ) : null}
              </>
            ) : null}
            {error ? (
              <p className="field-error" role="alert">
                {error}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="modal__actions">
          <Button onClick={close} disabled={running}>
            {result || count === 0 ? 'Close' : 'Cancel'}
          </Button>
          {plan && !result && count > 0 ? (
            <Button type="submit" variant="danger" busy={running}>
              {running ? `Reclaiming ${plural(count, 'seat')}…` : `Reclaim ${plural(count, 'seat')}`}
            </Button>
          ) : null}
        </div>
      </form>
    </Modal>
  );
}

function PlanView({ running }: { running: boolean }) {
  const plan = useReclaimStore((state) => state.plan);
  if (!plan) return null;
  const calls = plan.calls;
  return (
    <>
      <p className="modal__body">
        {calls.length === 0
          ? 'Nothing to reclaim: none of these candidates can be reclaimed now.'
          : `Dry run: these are the exact calls to ${vendorLook(plan.vendor).name} a real run makes, one per seat. Nothing has changed yet.`}
      </p>
      {running ? <ProgressBar fraction={null} label="Reclaiming seats" size="regular" /> : null}
      {calls.length > 0 ? (
        <div className="reclaim__list" tabIndex={0} role="region" aria-label="Vendor calls">
          <table className="reclaim__table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">License type</th>
                <th scope="col">Vendor call</th>
              </tr>
            </thead>
            <tbody>
              {calls.slice(0, SHOWN).map((seat) => (
                <tr key={seat.candidateId}>
                  <td>
                    <span className="reclaim__name">{seat.name || seat.email}</span>
                    <span className="muted reclaim__email">{seat.email}</span>
                  </td>
                  <td>{seat.downgradeTo ? `${seat.licenseType} → ${seat.downgradeTo}` : seat.licenseType}</td>
                  <td>
                    <code className="mono-value">
                      {seat.call.method} {seat.call.url}
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {calls.length > SHOWN ? <p className="muted reclaim__more">and {plural(calls.length - SHOWN, 'more seat')}</p> : null}
        </div>
      ) : null}
      {calls.length > 0 ? <SavingNote plan={plan} /> : null}
      {calls.length > 0 ? <EffectNote effect={plan.effect} /> : null}
      {plan.skipped.length > 0 ? (
        <details className="reclaim__skipped">
          <summary>{plural(plan.skipped.length, 'selected candidate')} will not be reclaimed</summary>
          <ul>
            {plan.skipped.slice(0, SHOWN).map((skip) => (
              <li key={skip.candidateId}>
                {skip.email || skip.candidateId}: {skip.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/** What the run saves a month: a downgrade counts only the price difference; an unknown saving is said, never guessed. */
function SavingNote({ plan }: { plan: ReclaimPlanView }) {
  const known = (plan.savings ?? []).filter((s) => s.monthly > 0).map((s) => formatCurrency(s.monthly, s.currency));
  const unknown = plan.unknownSavings ?? 0;
  if (known.length === 0 && unknown === 0) return null;
  const note = plan.calls.find((c) => c.monthlySaving === null && c.savingNote)?.savingNote;
  return (
    <p className="modal__body">
      {known.length > 0 ? `Saves ${known.join(' + ')} a month${plan.effect.action === 'downgrade' ? ' (the price difference to the cheaper tier)' : ''}.` : null}
      {unknown > 0 ? ` ${plural(unknown, 'seat')} ${unknown === 1 ? 'saves' : 'save'} an unknown amount${note ? `: ${note}` : ''}.` : null}
    </p>
  );
}

type Effect = ReclaimPlanView['effect'];

/** What the action does at the vendor, what the admin still has to do there, and what undo restores. */
function EffectNote({ effect }: { effect: Effect }) {
  return (
    <dl className="reclaim__effect">
      <dt>{effect.label}</dt>
      <dd>{effect.vendorChange}</dd>
      {effect.adminTodo ? (
        <>
          <dt>Still to do at the vendor</dt>
          <dd>
            <strong>{effect.adminTodo}</strong>
          </dd>
        </>
      ) : null}
      <dt>Undo</dt>
      <dd>{undoText(effect)}</dd>
    </dl>
  );
}

function undoText(effect: Effect): string {
  if (!effect.undoLabel) return 'Not possible through Seatwise.';
  if (effect.undoRestores === 'everything') return `${effect.undoLabel} restores everything.`;
  return effect.undoLoses ?? `${effect.undoLabel} restores the seat only.`;
}

const ACTION_LABEL: Record<string, string> = { freeze: 'Freeze instead', downgrade: 'Downgrade instead', remove: 'Remove instead' };

const OUTCOME_TONE = { reclaimed: 'success', failed: 'danger', skipped: 'neutral' } as const;

function ResultView() {
  const result = useReclaimStore((state) => state.result);
  const plan = useReclaimStore((state) => state.plan);
  const undo = useReclaimStore((state) => state.undo);
  const undoSeat = useReclaimStore((state) => state.undoSeat);
  const retries = useReclaimStore((state) => state.retries);
  const retryWith = useReclaimStore((state) => state.retryWith);
  if (!result) return null;
  const effect = plan?.effect;
  return (
    <>
      <p className="modal__body">
        {plural(result.reclaimed, 'seat')} reclaimed, {result.failed} failed, {result.skipped} skipped. Each is in the audit log.
      </p>
      {effect && result.reclaimed > 0 ? <EffectNote effect={effect} /> : null}
      <div className="reclaim__list" tabIndex={0} role="region" aria-label="Outcome per seat">
        <table className="reclaim__table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Outcome</th>
              <th scope="col">Details</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {result.outcomes.slice(0, SHOWN).map((first) => {
              const retry = retries[first.candidateId];
              const seat = retry?.status === 'done' ? retry.outcome : first;
              const state = seat.auditId ? undo[seat.auditId] : undefined;
              const undoLabel = seat.effect?.undoLabel ?? effect?.undoLabel;
              const alternative = seat.outcome === 'failed' ? seat.alternatives?.[0] : undefined;
              return (
                <tr key={seat.candidateId}>
                  <td>
                    <span className="reclaim__name">{seat.name || seat.email}</span>
                    <span className="muted reclaim__email">{seat.email}</span>
                  </td>
                  <td>
                    <StatusPill tone={state?.status === 'done' ? 'neutral' : OUTCOME_TONE[seat.outcome]}>{state?.status === 'done' ? 'undone' : seat.outcome}</StatusPill>
                  </td>
                  <td className="reclaim__message">
                    {state?.status === 'error' ? state.error : retry?.status === 'error' ? retry.error : seat.outcome === 'reclaimed' ? (seat.effect?.adminTodo ?? seat.effect?.vendorChange ?? '') : (seat.message ?? '')}
                  </td>
                  <td>
                    {seat.outcome === 'reclaimed' && seat.auditId && state?.status !== 'done' && undoLabel ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        busy={state?.status === 'running'}
                        aria-label={`${undoLabel}: ${seat.name || seat.email}`}
                        onClick={() => void undoSeat(seat.auditId!)}
                      >
                        {undoLabel}
                      </Button>
                    ) : null}
                    {alternative ? (
                      <Button
                        size="sm"
                        variant="secondary"
                        busy={retry?.status === 'running'}
                        aria-label={`${ACTION_LABEL[alternative] ?? alternative}: ${seat.name || seat.email}`}
                        onClick={() => void retryWith(seat.candidateId, alternative)}
                      >
                        {ACTION_LABEL[alternative] ?? alternative}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
