/**
 * Adds an exclusion: a user (email, id or glob) or a license type (picked from the
 * profile's, or typed as a pattern), why, and whether it holds for this integration only.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../components/Button.js';
import { Field } from '../../components/Field.js';
import { PlusIcon } from '../../components/icons.js';
import { Banner } from '../../components/States.js';
import { errorMessage } from '../../api.js';
import type { ProfileDetail } from '../../types.js';
import {
  emptyExclusionDraft,
  exclusionInput,
  MAX_REASON,
  OTHER_LICENSE_TYPE,
  validateExclusionDraft,
  type ExclusionDraft,
  type ExclusionDraftErrors,
} from './exclusion-form.js';
import { useExclusionsStore, type Exclusion } from './exclusions-store.js';

export function ExclusionForm({ profile, onAdded }: { profile: ProfileDetail; onAdded: (exclusion: Exclusion) => void }) {
  const add = useExclusionsStore((state) => state.add);
  const licenseTypes = profile.licenseTypes.map((type) => type.name);
  const [draft, setDraft] = useState<ExclusionDraft>(() => emptyExclusionDraft(licenseTypes));
  const [errors, setErrors] = useState<ExclusionDraftErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();

  function change<K extends keyof ExclusionDraft>(key: K, value: ExclusionDraft[K]): void {
    const next = { ...draft, [key]: value };
    setDraft(next);
    if (errors.pattern || errors.reason) setErrors(validateExclusionDraft(next));
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const found = validateExclusionDraft(draft);
    setErrors(found);
    if (found.pattern || found.reason) {
      window.requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    setServerError(null);
    try {
      const added = await add(exclusionInput(draft, profile.id));
      // Keep kind and scope: adding several contractors in a row is the common case.
      setDraft({ ...draft, userPattern: '', licensePattern: '', reason: '' });
      setBusy(false);
      onAdded(added);
    } catch (error) {
      setBusy(false);
      setServerError(errorMessage(error));
    }
  }

  const user = draft.kind === 'user';
  const other = draft.licenseType === OTHER_LICENSE_TYPE;

  return (
    <form ref={formRef} className="exclusion-form" aria-labelledby={`${id}-title`} noValidate onSubmit={(event) => void submit(event)}>
      <h3 className="exclusion-form__title" id={`${id}-title`}>
        Add an exclusion
      </h3>
      <div className="exclusion-form__grid">
        <fieldset className="exclusion-form__choice">
          <legend className="field__label">Exclude</legend>
          <div className="segmented">
            <label className="segmented__option">
              <input type="radio" name={`${id}-kind`} checked={user} onChange={() => change('kind', 'user')} />
              <span>A user</span>
            </label>
            <label className="segmented__option">
              <input type="radio" name={`${id}-kind`} checked={!user} onChange={() => change('kind', 'licenseType')} />
              <span>A license type</span>
            </label>
          </div>
        </fieldset>

        {user ? (
          <Field
            label="User"
            error={errors.pattern}
            hint={
              <>
                An email, a user id, or a pattern: <code>*</code> matches anything, so <code>*@contractor.example</code> excludes every
                contractor. Case does not matter.
              </>
            }
          >
            {(props) => (
              <input
                {...props}
                className="input input--mono"
                value={draft.userPattern}
                maxLength={400}
                autoComplete="off"
                spellCheck={false}
                placeholder="*@contractor.example"
                onChange={(event) => change('userPattern', event.target.value)}
              />
            )}
          </Field>
        ) : (
          <div className="exclusion-form__license">
            <Field label="License type" error={other ? undefined : errors.pattern} hint={other ? undefined : 'Its seats never become candidates.'}>
              {(props) => (
                <select {...props} className="input select" value={draft.licenseType} onChange={(event) => change('licenseType', event.target.value)}>
                  {licenseTypes.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                  <option value={OTHER_LICENSE_TYPE}>Another type or a pattern…</option>
                </select>
              )}
            </Field>
            {other ? (
              <Field label="License type pattern" error={errors.pattern} hint={<>For example <code>*Guest*</code> for every guest type.</>}>
                {(props) => (
                  <input
                    {...props}
                    className="input input--mono"
                    value={draft.licensePattern}
                    maxLength={400}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="*Guest*"
                    onChange={(event) => change('licensePattern', event.target.value)}
                  />
                )}
              </Field>
            ) : null}
          </div>
        )}

        <Field label="Reason" error={errors.reason} hint="Kept with the exclusion and in the audit log.">
          {(props) => (
            <input
              {...props}
              className="input"
              value={draft.reason}
              maxLength={MAX_REASON + 40}
              autoComplete="off"
              placeholder="External contractors are billed to the agency"
              onChange={(event) => change('reason', event.target.value)}
            />
          )}
        </Field>

        <fieldset className="exclusion-form__choice">
          <legend className="field__label">Applies to</legend>
          <div className="segmented">
            <label className="segmented__option">
              <input type="radio" name={`${id}-scope`} checked={draft.scope === 'profile'} onChange={() => change('scope', 'profile')} />
              <span>This integration</span>
            </label>
            <label className="segmented__option">
              <input type="radio" name={`${id}-scope`} checked={draft.scope === 'global'} onChange={() => change('scope', 'global')} />
              <span>All integrations</span>
            </label>
          </div>
        </fieldset>
      </div>

      {serverError ? (
        <Banner tone="danger" title="The exclusion was not added" role="alert">
          <p>{serverError}</p>
        </Banner>
      ) : null}

      <div className="exclusion-form__actions">
        <Button variant="primary" type="submit" busy={busy} icon={<PlusIcon size={16} />}>
          {busy ? 'Adding…' : 'Add exclusion'}
        </Button>
      </div>
    </form>
  );
}
