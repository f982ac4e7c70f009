import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, ButtonLink } from '../../components/Button.js';
import { Field } from '../../components/Field.js';
import { KeyIcon, LockIcon } from '../../components/icons.js';
import { Banner } from '../../components/States.js';
import { GRANT_TYPE_LABELS, SECRET_LABELS } from '../../lib/vendors.js';
import { href, navigate } from '../../router.js';
import type { GrantType, VendorDescriptorDto } from '../../types.js';
import { PROCESS_LABEL } from './labels.js';
import { useNewIntegrationStore, type SubmitPhase } from './store.js';
import { usesOAuthClient } from './validation.js';

const PHASE_TEXT: Record<SubmitPhase, string> = {
  idle: 'Create and publish',
  creating: 'Creating the integration…',
  'storing-secret': 'Storing the credential…',
  publishing: 'Checking the connection and publishing…',
};

export function IntegrationForm({ descriptor }: { descriptor: VendorDescriptorDto }) {
  const values = useNewIntegrationStore((state) => state.values);
  const errors = useNewIntegrationStore((state) => state.fieldErrors);
  const serverError = useNewIntegrationStore((state) => state.serverError);
  const phase = useNewIntegrationStore((state) => state.phase);
  const secretStored = useNewIntegrationStore((state) => state.secretStored);
  const setField = useNewIntegrationStore((state) => state.setField);
  const submit = useNewIntegrationStore((state) => state.submit);

  const formRef = useRef<HTMLFormElement>(null);
  const bannerRef = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);

  // After a rejected attempt, take the user to the problem: the first invalid field, or the banner.
  useEffect(() => {
    if (attempt === 0) return;
    const state = useNewIntegrationStore.getState();
    if (Object.keys(state.fieldErrors).length > 0) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } else if (state.serverError) {
      bannerRef.current?.focus();
    }
  }, [attempt]);

  const busy = phase !== 'idle';
  const grant = values.grantType;
  const oauth = usesOAuthClient(grant);
  const secretLabel = grant ? SECRET_LABELS[grant] : 'Secret';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const profileId = await submit();
    if (profileId) navigate({ name: 'profile', id: profileId, tab: 'subscriptions' });
    else setAttempt((count) => count + 1);
  }

  return (
    <div className="form-layout">
      <form ref={formRef} className="card form-card" noValidate onSubmit={(event) => void onSubmit(event)} aria-busy={busy || undefined}>
        {serverError ? (
          <div ref={bannerRef} tabIndex={-1} className="form-card__banner">
            <Banner tone="danger" title={serverError.title} role="alert">
              <p>{serverError.message}</p>
              {serverError.draftSaved ? (
                <p className="banner__note">Everything you entered is kept and the integration is saved as a draft. Correct the problem and publish again.</p>
              ) : null}
            </Banner>
          </div>
        ) : null}

        <fieldset className="form-section" disabled={busy}>
          <legend className="form-section__title">Integration</legend>
          <Field label="Name" error={errors.name} hint="How this integration appears in Seatwise, in exports and in the audit log.">
            {(props) => (
              <input
                {...props}
                className="input"
                type="text"
                name="name"
                autoComplete="off"
                placeholder={`${descriptor.displayName} – Production`}
                value={values.name}
                maxLength={200}
                onChange={(event) => setField('name', event.target.value)}
              />
            )}
          </Field>
        </fieldset>

        <fieldset className="form-section" disabled={busy}>
          <legend className="form-section__title">Connection</legend>
          <Field label="Connection URL" error={errors.baseUrl} hint={descriptor.connectionUrlHelp}>
            {(props) => (
              <input
                {...props}
                className="input input--mono"
                type="url"
                name="baseUrl"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                value={values.baseUrl}
                onChange={(event) => setField('baseUrl', event.target.value)}
              />
            )}
          </Field>

          <Field label="Sign-in method" error={errors.grantType}>
            {(props) => (
              <select
                {...props}
                className="input select"
                name="grantType"
                value={values.grantType}
                onChange={(event) => setField('grantType', event.target.value as GrantType)}
              >
                {values.grantType === '' ? <option value="">Choose…</option> : null}
                {descriptor.authMethods.map((method) => (
                  <option key={method} value={method}>
                    {GRANT_TYPE_LABELS[method]}
                  </option>
                ))}
              </select>
            )}
          </Field>

          {oauth ? (
            <Field label="Client ID" error={errors.clientId} hint="From the app you registered at the vendor.">
              {(props) => (
                <input
                  {...props}
                  className="input input--mono"
                  type="text"
                  name="clientId"
                  autoComplete="off"
                  spellCheck={false}
                  value={values.clientId}
                  onChange={(event) => setField('clientId', event.target.value)}
                />
              )}
            </Field>
          ) : null}

          <Field
            label={secretLabel}
            error={errors.secret}
            optional={grant === 'authorization_code'}
            hint={
              <span className="hint-with-icon">
                <LockIcon size={13} />
                {secretStored
                  ? 'Already stored in the OS keychain. Type a new value only to replace it.'
                  : 'Goes straight to the OS keychain. Seatwise never shows it again.'}
              </span>
            }
          >
            {(props) => (
              <input
                {...props}
                className="input input--mono"
                type="password"
                name="secret"
                autoComplete="new-password"
                spellCheck={false}
                placeholder={secretStored ? '•••••••• stored' : undefined}
                value={values.secret}
                onChange={(event) => setField('secret', event.target.value)}
              />
            )}
          </Field>

          {descriptor.vendor === 'asana' ? (
            <Field
              label="Workspace gid"
              optional
              error={errors.workspace}
              hint="Leave empty to use the token's only workspace. With several workspaces, paste the gid of the one that holds the paid seats."
            >
              {(props) => (
                <input
                  {...props}
                  className="input input--mono"
                  type="text"
                  name="workspace"
                  inputMode="numeric"
                  autoComplete="off"
                  spellCheck={false}
                  value={values.workspace}
                  onChange={(event) => setField('workspace', event.target.value)}
                />
              )}
            </Field>
          ) : null}
        </fieldset>

        <div className="form-actions">
          <ButtonLink href={href({ name: 'new' })} variant="ghost">
            Back
          </ButtonLink>
          <Button type="submit" variant="primary" busy={busy}>
            {PHASE_TEXT[phase]}
          </Button>
        </div>
        <p className="visually-hidden" role="status" aria-live="polite">
          {busy ? PHASE_TEXT[phase] : ''}
        </p>
      </form>

      <aside className="form-aside" aria-labelledby="permissions-heading">
        <div className="card card--subtle">
          <h2 id="permissions-heading" className="card__title">
            What Seatwise will do
          </h2>
          <p className="muted small">
            Publishing checks the connection, then downloads every seat at once. It changes nothing at {descriptor.displayName} until
            you approve a reclamation.
          </p>
          {descriptor.permissions.length > 0 ? (
            <dl className="permission-list">
              {descriptor.permissions.map((row) => (
                <div className="permission-list__item" key={`${row.process}:${row.permission}`}>
                  <dt>
                    <span className="permission-list__process">{PROCESS_LABEL[row.process]}</span>
                    <code className="permission-list__permission">{row.permission}</code>
                  </dt>
                  <dd>{row.why}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          <p className="aside-note">
            <KeyIcon size={14} />
            Credentials live in your operating system's keychain, never in Seatwise's files or logs.
          </p>
        </div>
      </aside>
    </div>
  );
}
