/**
 * The inline form for one license type's entitlement. Errors show beside their field; a
 * server error shows above the buttons and every value typed stays.
 */
import { useEffect, useRef } from 'react';
import { Field } from '../../components/Field.js';
import { RowFormFooter } from '../../components/RowFormFooter.js';
import { useDraftForm } from '../../lib/useDraftForm.js';
import { formatNumber } from '../../lib/format.js';
import {
  entitlementDraft,
  entitlementInput,
  validateEntitlementDraft,
  type Entitlement,
  type EntitlementDraft,
  type EntitlementDraftErrors,
  type EntitlementRow,
} from './entitlement-form.js';
import { useEntitlementsStore } from './store.js';

export function EntitlementForm({
  profileId,
  currency,
  row,
  onCancel,
  onSaved,
}: {
  profileId: string;
  /** The profile's currency, the default for a license type without an entitlement yet. */
  currency: string;
  row: EntitlementRow;
  onCancel: () => void;
  onSaved: (saved: Entitlement) => void;
}) {
  const save = useEntitlementsStore((state) => state.save);
  const { draft, errors, serverError, busy, formRef, change, submit } = useDraftForm<EntitlementDraft, EntitlementDraftErrors>({
    initial: () => entitlementDraft(row.entitlement, currency),
    validate: validateEntitlementDraft,
    persist: async (valid) => onSaved(await save(entitlementInput(profileId, row.licenseType, valid))),
  });
  const firstRef = useRef<HTMLInputElement>(null);

  useEffect(() => firstRef.current?.focus(), []);

  return (
    <form ref={formRef} className="row-form" aria-label={`Seats and cost of ${row.licenseType}`} noValidate onSubmit={(event) => void submit(event)}>
      <div className="entitlement-form__grid">
        <Field label="Seats owned" optional error={errors.owned} hint={`${formatNumber(row.used)} in use. Empty when you do not know.`}>
          {(props) => (
            <input
              {...props}
              ref={firstRef}
              className="input"
              inputMode="numeric"
              autoComplete="off"
              value={draft.owned}
              onChange={(event) => change('owned', event.target.value)}
            />
          )}
        </Field>
        <Field label="Unit cost" error={errors.unitCost} hint="What one seat costs per period.">
          {(props) => (
            <input
              {...props}
              className="input"
              inputMode="decimal"
              autoComplete="off"
              value={draft.unitCost}
              onChange={(event) => change('unitCost', event.target.value)}
            />
          )}
        </Field>
        <Field label="Currency" error={errors.currency} hint="ISO code, e.g. EUR.">
          {(props) => (
            <input
              {...props}
              className="input input--currency"
              maxLength={3}
              autoComplete="off"
              spellCheck={false}
              value={draft.currency}
              // Codes are upper case; typing "eur" should just work.
              onChange={(event) => change('currency', event.target.value.toUpperCase())}
            />
          )}
        </Field>
        <Field label="Billed">
          {(props) => (
            <select {...props} className="input select" value={draft.period} onChange={(event) => change('period', event.target.value === 'year' ? 'year' : 'month')}>
              <option value="month">Per month</option>
              <option value="year">Per year</option>
            </select>
          )}
        </Field>
        <Field label="Renewal date" optional error={errors.renewalDate}>
          {(props) => (
            <input {...props} type="date" className="input" value={draft.renewalDate} onChange={(event) => change('renewalDate', event.target.value)} />
          )}
        </Field>
      </div>

      <RowFormFooter serverError={serverError} failedTitle="The entitlement was not saved" busy={busy} saveLabel="Save" onCancel={onCancel} />
    </form>
  );
}
