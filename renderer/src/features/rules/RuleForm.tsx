/**
 * The inline edit form of one rule. Errors show beside their field; a server error shows
 * above the buttons and the form keeps every value typed, so nothing is lost.
 */
import { useEffect, useId, useRef } from 'react';
import { Field, type FieldRenderProps } from '../../components/Field.js';
import { RowFormFooter } from '../../components/RowFormFooter.js';
import { useDraftForm } from '../../lib/useDraftForm.js';
import {
  LEAVER_DAYS,
  NOTICE_DAYS,
  parseWholeNumber,
  ruleDraft,
  rulePatch,
  THRESHOLD_DAYS,
  validateRuleDraft,
  type Rule,
  type RuleDraft,
  type RuleDraftErrors,
} from './rule-form.js';
import { useRulesStore, type SaveOutcome } from './rules-store.js';

export function RuleForm({ rule, onCancel, onSaved }: { rule: Rule; onCancel: () => void; onSaved: (outcome: SaveOutcome | null) => void }) {
  const save = useRulesStore((state) => state.save);
  const { draft, errors, serverError, busy, formRef, change, submit } = useDraftForm<RuleDraft, RuleDraftErrors>({
    initial: () => ruleDraft(rule),
    validate: validateRuleDraft,
    async persist(valid) {
      const patch = rulePatch(rule, valid);
      // Nothing changed: close without a call, as a save would.
      onSaved(Object.keys(patch).length === 0 ? null : await save(rule.id, patch));
    },
  });
  const nameRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => nameRef.current?.focus(), []);

  return (
    <form ref={formRef} className="row-form" aria-label={`Edit rule ${rule.name}`} noValidate onSubmit={(event) => void submit(event)}>
      <div className="rule-form__grid">
        <div className="rule-form__name">
          <Field label="Rule name" error={errors.name}>
            {(props) => (
              <input
                {...props}
                ref={nameRef}
                className="input"
                value={draft.name}
                maxLength={240}
                autoComplete="off"
                onChange={(event) => change('name', event.target.value)}
              />
            )}
          </Field>
        </div>
        <Field
          label="Days without activity"
          error={errors.thresholdDays}
          hint={`A seat unused this long becomes a candidate (${THRESHOLD_DAYS.min}–${THRESHOLD_DAYS.max}).`}
        >
          {(props) => <DaysInput {...props} value={draft.thresholdDays} onChange={(value) => change('thresholdDays', value)} />}
        </Field>

        <fieldset className="rule-form__group">
          <legend className="rule-form__legend">Notice</legend>
          <label className="check">
            <input type="checkbox" className="check__box" checked={draft.notifyUser} onChange={(event) => change('notifyUser', event.target.checked)} />
            <span>Notify the user before their seat is reclaimed</span>
          </label>
          {draft.notifyUser ? (
            <Field
              label="Days of notice before reclamation"
              error={errors.daysBeforeAutoReclaim}
              hint={`The seat can be reclaimed this many days after the notice (${NOTICE_DAYS.min}–${NOTICE_DAYS.max}).`}
            >
              {(props) => <DaysInput {...props} value={draft.daysBeforeAutoReclaim} onChange={(value) => change('daysBeforeAutoReclaim', value)} />}
            </Field>
          ) : null}
        </fieldset>

        <fieldset className="rule-form__group">
          <legend className="rule-form__legend">Reclamation</legend>
          <label className="check">
            <input
              type="radio"
              className="check__box"
              name={`${id}-approval`}
              checked={draft.approval === 'approval'}
              onChange={() => change('approval', 'approval')}
            />
            <span>
              Approval required
              <span className="check__hint">Someone approves each candidate before its seat is reclaimed.</span>
            </span>
          </label>
          <label className="check">
            <input
              type="radio"
              className="check__box"
              name={`${id}-approval`}
              checked={draft.approval === 'automatic'}
              onChange={() => change('approval', 'automatic')}
            />
            <span>
              Reclaim without approval
              <span className="check__hint">Candidates can be reclaimed as they are{draft.notifyUser ? ', once the notice ends' : ''}.</span>
            </span>
          </label>
        </fieldset>

        <fieldset className="rule-form__group">
          <legend className="rule-form__legend">Automatic reclaim</legend>
          <label className="check">
            <input type="checkbox" className="check__box" checked={draft.autoReclaim} onChange={(event) => change('autoReclaim', event.target.checked)} />
            <span>
              Reclaim automatically at each sync
              <span className="check__hint">
                {draft.autoReclaim
                  ? `Each sync reclaims this rule's ${draft.approval === 'automatic' ? 'candidates' : 'approved seats'} through the vendor${draft.notifyUser ? ', never before the date in the notice' : ''}, and lists every call it made.`
                  : 'Off: a sync never reclaims. Seats are reclaimed only when you confirm a run (Reclaim…, or seatwise reclaim --yes).'}
              </span>
            </span>
          </label>
        </fieldset>

        <fieldset className="rule-form__group">
          <legend className="rule-form__legend">Leavers</legend>
          <label className="check">
            <input type="checkbox" className="check__box" checked={draft.leaversEnabled} onChange={(event) => change('leaversEnabled', event.target.checked)} />
            <span>
              Make leavers candidates
              <span className="check__hint">
                People the directory marks suspended or deprovisioned, or past their HR end date, whatever their activity. Without a directory there are no leavers.
              </span>
            </span>
          </label>
          {draft.leaversEnabled ? (
            <Field label="Days after leaving" error={errors.leaverDays} hint={leaverHint(draft.leaverDays)}>
              {(props) => <DaysInput {...props} value={draft.leaverDays} onChange={(value) => change('leaverDays', value)} />}
            </Field>
          ) : null}
        </fieldset>

        <fieldset className="rule-form__group">
          <legend className="rule-form__legend">Status</legend>
          <label className="check">
            <input type="checkbox" className="check__box" checked={draft.enabled} onChange={(event) => change('enabled', event.target.checked)} />
            <span>
              Rule enabled
              <span className="check__hint">A disabled rule finds no candidates.</span>
            </span>
          </label>
        </fieldset>
      </div>

      <RowFormFooter serverError={serverError} failedTitle="The rule was not saved" busy={busy} saveLabel="Save rule" onCancel={onCancel} />
    </form>
  );
}

/** What the days after leaving mean, for the value typed: 0 reads "at once". */
export function leaverHint(text: string): string {
  const days = parseWholeNumber(text);
  const bounds = `(${LEAVER_DAYS.min}–${LEAVER_DAYS.max}; 0 is at once)`;
  if (days === 0) return `At once: a leaver's seat is a candidate from the day they leave (${LEAVER_DAYS.min}–${LEAVER_DAYS.max}).`;
  if (days !== null && days <= LEAVER_DAYS.max) return `A leaver's seat becomes a candidate ${days === 1 ? '1 day' : `${days} days`} after they leave ${bounds}.`;
  return `How long after leaving a leaver's seat becomes a candidate ${bounds}.`;
}

/** A count of days: a numeric text field with "days" after it. */
function DaysInput({ value, onChange, ...field }: FieldRenderProps & { value: string; onChange: (value: string) => void }) {
  return (
    <span className="input-suffix">
      <input {...field} className="input input--days" inputMode="numeric" autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} />
      <span className="input-suffix__unit" aria-hidden="true">
        days
      </span>
    </span>
  );
}
