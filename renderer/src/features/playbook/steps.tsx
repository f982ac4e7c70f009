/** The five step panels of the playbook. Each reads and writes the playbook store only. */
import { useState } from 'react';
import { Button } from '../../components/Button.js';
import { Field } from '../../components/Field.js';
import { CheckIcon, ExternalIcon, KeyIcon, LockIcon } from '../../components/icons.js';
import { Banner } from '../../components/States.js';
import { GRANT_TYPE_LABELS, SECRET_LABELS } from '../../lib/vendors.js';
import { PROCESS_LABEL } from '../../lib/labels.js';
import type { GrantType } from '../../types.js';
import { daysBefore, isoDay, lookbackDays, MAX_LOOKBACK_DAYS, redirectUri, secretNeeded, STEP_TITLES, usesOAuthClient } from './model.js';
import { usePlaybookStore } from './store.js';
import { optionsForGrant } from '../../../../preload/contract/connection-option-check.js';

function useDescriptor() {
  const descriptor = usePlaybookStore((s) => s.descriptor);
  if (!descriptor) throw new Error('The playbook step rendered before its descriptor.');
  return descriptor;
}

/* ---------------------------------------------------------------- 1. Register the app */

export function RegisterStep() {
  const descriptor = useDescriptor();
  const port = usePlaybookStore((s) => s.values.redirectPort);
  const reg = descriptor.registerApp;
  return (
    <div className="step-body">
      <p className="step-lead">{reg.intro}</p>

      <section aria-labelledby="pb-checklist">
        <h3 className="step-subtitle" id="pb-checklist">
          {reg.title}
        </h3>
        <ol className="checklist">
          {reg.checklist.map((item, index) => (
            <li key={index} className="checklist__item">
              <span className="checklist__num" aria-hidden="true">
                {index + 1}
              </span>
              <span>{item}</span>
            </li>
          ))}
        </ol>
      </section>

      {reg.needsRedirectUri ? <RedirectUri uri={redirectUri(port)} /> : null}

      <section aria-labelledby="pb-permissions">
        <h3 className="step-subtitle" id="pb-permissions">
          Minimal permissions per process
        </h3>
        <div className="table-scroll pb-table-wrap">
          <table className="data-table pb-table">
            <thead>
              <tr>
                <th scope="col">Process</th>
                <th scope="col">Permission</th>
                <th scope="col">Why Seatwise needs it</th>
              </tr>
            </thead>
            <tbody>
              {descriptor.permissions.map((p) => (
                <tr key={p.process}>
                  <th scope="row">{PROCESS_LABEL[p.process]}</th>
                  <td>{p.permission}</td>
                  <td className="pb-table__why">{p.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {reg.links.length > 0 ? (
        <section aria-labelledby="pb-links">
          <h3 className="step-subtitle" id="pb-links">
            Useful links
          </h3>
          <ul className="link-list">
            {reg.links.map((link) => (
              <li key={link.url}>
                <a href={link.url} target="_blank" rel="noreferrer">
                  {link.label}
                  <ExternalIcon size={14} />
                  <span className="visually-hidden"> (opens in your browser)</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function RedirectUri({ uri }: { uri: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(uri);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
    window.setTimeout(() => setCopied('idle'), 2500);
  }
  return (
    <section aria-labelledby="pb-redirect" className="redirect">
      <h3 className="step-subtitle" id="pb-redirect">
        Redirect URI
      </h3>
      <p className="step-note">For an OAuth app, register exactly this redirect URI. Seatwise listens on this port only while you sign in.</p>
      <div className="redirect__row">
        <code className="redirect__uri" data-testid="redirect-uri">
          {uri}
        </code>
        <Button size="sm" variant="secondary" onClick={() => void copy()} icon={copied === 'copied' ? <CheckIcon size={14} /> : null}>
          {copied === 'copied' ? 'Copied' : 'Copy'}
        </Button>
        <span className="visually-hidden" role="status">
          {copied === 'copied' ? 'Redirect URI copied' : copied === 'failed' ? 'Copying failed: select the address and copy it by hand' : ''}
        </span>
      </div>
    </section>
  );
}

/* ---------------------------------------------------------------- 2. Profile details */

export function DetailsStep() {
  const descriptor = useDescriptor();
  const values = usePlaybookStore((s) => s.values);
  const errors = usePlaybookStore((s) => s.errors);
  const setField = usePlaybookStore((s) => s.setField);
  const commit = usePlaybookStore((s) => s.commit);
  const today = new Date();
  const min = daysBefore(today, MAX_LOOKBACK_DAYS);
  const max = daysBefore(today, 1);
  return (
    <div className="step-body">
      <Field label="Name" error={errors.name} hint="How this integration appears in Seatwise, in exports and in the audit log.">
        {(props) => (
          <input
            {...props}
            className="input"
            value={values.name}
            maxLength={200}
            autoComplete="off"
            placeholder={`${descriptor.displayName} – Marketing`}
            onChange={(e) => setField('name', e.target.value)}
            onBlur={() => void commit()}
          />
        )}
      </Field>

      <fieldset className="processes">
        <legend className="step-subtitle">Processes</legend>
        <div className="process is-locked">
          <input type="checkbox" id="pb-download" checked disabled aria-describedby="pb-download-hint" />
          <div>
            <label htmlFor="pb-download" className="process__label">
              {PROCESS_LABEL.download}
              <LockIcon size={13} />
            </label>
            <p className="process__hint" id="pb-download-hint">
              Always on: the seats and their license types are what everything else builds on.
            </p>
          </div>
        </div>

        <div className="process">
          <input
            type="checkbox"
            id="pb-activity"
            checked={values.activityEnabled}
            disabled={!descriptor.activitySupported}
            aria-describedby="pb-activity-hint"
            onChange={(e) => {
              setField('activityEnabled', e.target.checked);
              void commit();
            }}
          />
          <div className="process__main">
            <label htmlFor="pb-activity" className="process__label">
              {PROCESS_LABEL.activity}
            </label>
            <p className="process__hint" id="pb-activity-hint">
              {descriptor.activitySupported
                ? 'Reads sign-in activity so seats nobody uses become reclamation candidates.'
                : `${descriptor.displayName} offers no activity data to Seatwise.`}
            </p>
            {values.activityEnabled ? (
              <div className="process__option">
                <Field
                  label="Analyze user activity from"
                  error={errors.activityFrom}
                  hint={`At most ${MAX_LOOKBACK_DAYS} days back (${lookbackDays(values, today)} days with this date).`}
                >
                  {(props) => (
                    <input
                      {...props}
                      type="date"
                      className="input input--date"
                      value={values.activityFrom}
                      min={min}
                      max={max}
                      onChange={(e) => setField('activityFrom', e.target.value)}
                      onBlur={() => void commit()}
                    />
                  )}
                </Field>
              </div>
            ) : null}
          </div>
        </div>

        <div className="process">
          <input
            type="checkbox"
            id="pb-reclaim"
            checked={values.reclaimEnabled}
            disabled={!descriptor.reclaimSupported}
            aria-describedby="pb-reclaim-hint"
            onChange={(e) => {
              setField('reclaimEnabled', e.target.checked);
              void commit();
            }}
          />
          <div>
            <label htmlFor="pb-reclaim" className="process__label">
              {PROCESS_LABEL.reclaim}
            </label>
            <p className="process__hint" id="pb-reclaim-hint">
              {values.reclaimEnabled
                ? 'Candidates you approve are removed at the vendor, with undo where the vendor allows.'
                : 'Off: candidates are still listed, but Seatwise never reclaims a seat.'}
            </p>
          </div>
        </div>
      </fieldset>
    </div>
  );
}

/* ---------------------------------------------------------------- 3. Connection and credential */

export function ConnectionStep() {
  const descriptor = useDescriptor();
  const values = usePlaybookStore((s) => s.values);
  const errors = usePlaybookStore((s) => s.errors);
  const secret = usePlaybookStore((s) => s.secret);
  const secretStored = usePlaybookStore((s) => s.secretStored);
  const connectedAs = usePlaybookStore((s) => s.connectedAs);
  const busy = usePlaybookStore((s) => s.busy);
  const setField = usePlaybookStore((s) => s.setField);
  const setOption = usePlaybookStore((s) => s.setOption);
  const setSecret = usePlaybookStore((s) => s.setSecret);
  const commit = usePlaybookStore((s) => s.commit);
  const grant = values.grantType;
  const oauth = usesOAuthClient(grant);
  const secretLabel = grant ? SECRET_LABELS[grant] : 'Secret';
  return (
    <fieldset className="step-body" disabled={busy === 'connecting'}>
      <legend className="visually-hidden">{STEP_TITLES.connection}</legend>
      {connectedAs ? (
        <Banner tone="success" title="Connected" role="status">
          <p>
            Connected as <strong>{connectedAs}</strong>.
          </p>
        </Banner>
      ) : null}
      <Field label="Connection URL" error={errors.baseUrl} hint={descriptor.connectionUrlHelp}>
        {(props) => (
          <input
            {...props}
            className="input input--mono"
            value={values.baseUrl}
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setField('baseUrl', e.target.value)}
            onBlur={() => void commit()}
          />
        )}
      </Field>

      <Field label="Sign-in method" error={errors.grantType}>
        {(props) => (
          <select
            {...props}
            className="input select"
            value={grant}
            onChange={(e) => {
              setField('grantType', e.target.value as GrantType);
              void commit();
            }}
          >
            {descriptor.authMethods.map((m) => (
              <option key={m} value={m}>
                {GRANT_TYPE_LABELS[m]}
              </option>
            ))}
          </select>
        )}
      </Field>

      {oauth ? (
        <>
          <Field label="Client ID" error={errors.clientId} hint="From the app you registered in step 1.">
            {(props) => (
              <input
                {...props}
                className="input input--mono"
                value={values.clientId}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => setField('clientId', e.target.value)}
                onBlur={() => void commit()}
              />
            )}
          </Field>
          <Field label="Scopes" optional hint="Separated by spaces. The vendor's minimal scopes are filled in.">
            {(props) => (
              <input
                {...props}
                className="input input--mono"
                value={values.scopes}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => setField('scopes', e.target.value)}
                onBlur={() => void commit()}
              />
            )}
          </Field>
        </>
      ) : null}

      {secretNeeded(grant) || grant === 'authorization_code' ? (
        <Field
          label={secretLabel}
          optional={grant === 'authorization_code'}
          error={errors.secret}
          hint={
            secretStored
              ? 'A credential is stored in the keychain. Paste a new one only to replace it.'
              : 'Stored in your operating system’s keychain, never in Seatwise’s files, and never shown again.'
          }
        >
          {(props) => (
            <div className="secret-input">
              <KeyIcon size={16} className="secret-input__icon" />
              <input
                {...props}
                type="password"
                className="input input--mono secret-input__field"
                value={secret}
                autoComplete="new-password"
                spellCheck={false}
                placeholder={secretStored ? '•••••••• stored in the keychain' : ''}
                onChange={(e) => setSecret(e.target.value)}
              />
            </div>
          )}
        </Field>
      ) : null}

      {optionsForGrant(descriptor.connectionOptions, grant || undefined).map((option) => (
        <Field key={option.key} label={option.label} optional={!option.required} error={errors[`option:${option.key}`]} hint={sentence(option.hint)}>
          {(props) =>
            option.choices ? (
              <select
                {...props}
                className="input select"
                value={values.options[option.key] ?? option.choices[0]?.value ?? ''}
                onChange={(e) => {
                  setOption(option.key, e.target.value);
                  void commit();
                }}
              >
                {option.choices.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...props}
                className="input input--mono"
                value={values.options[option.key] ?? ''}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => setOption(option.key, e.target.value)}
                onBlur={() => void commit()}
              />
            )
          }
        </Field>
      ))}

      {grant === 'authorization_code' ? (
        <Banner tone="info" title="Browser sign-in">
          <p>
            Seatwise saves the integration as a draft, then opens your browser to sign in at {descriptor.displayName}. The app you registered must
            allow the redirect URI <code>{redirectUri(values.redirectPort)}</code>. The client secret is kept only if the sign-in succeeds.
          </p>
        </Banner>
      ) : (
        <p className="step-note">Continuing saves the integration as a draft and checks the connection with the vendor.</p>
      )}
    </fieldset>
  );
}

/* ---------------------------------------------------------------- 4. Additional org */

export function OrgStep() {
  const descriptor = useDescriptor();
  const profileId = usePlaybookStore((s) => s.profileId);
  const orgs = usePlaybookStore((s) => s.extraOrgs);
  return (
    <div className="step-body">
      <p className="step-lead">
        Does your company run more than one {descriptor.displayName} org or workspace? Each can be added to this integration with its own
        connection, so its seats count in the same totals.
      </p>
      {orgs.length > 0 ? (
        <ul className="org-list" aria-label="Additional orgs">
          {orgs.map((org) => (
            <li key={org.aliasId} className="org-list__item">
              <CheckIcon size={16} />
              <span className="org-list__label">{org.label}</span>
              <span className="org-list__url">{org.baseUrl}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {profileId ? (
        <AddOrgForm />
      ) : (
        <div className="org-empty">
          <span className="org-empty__art" aria-hidden="true">
            +
          </span>
          <div>
            <p className="org-empty__title">This step is optional</p>
            <p className="step-note">Complete the connection step first; another org can also be added later from the integration’s Connection tab.</p>
          </div>
        </div>
      )}
    </div>
  );
}

function AddOrgForm() {
  const grant = usePlaybookStore((s) => s.values.grantType);
  const errors = usePlaybookStore((s) => s.errors);
  const busy = usePlaybookStore((s) => s.busy);
  const addOrg = usePlaybookStore((s) => s.addOrg);
  const [label, setLabel] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <div className="org-empty">
        <span className="org-empty__art" aria-hidden="true">
          +
        </span>
        <div className="org-empty__text">
          <p className="org-empty__title">This step is optional</p>
          <p className="step-note">Most integrations connect a single org. Skip it, or add another org now.</p>
        </div>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Add an org
        </Button>
      </div>
    );
  }
  async function add() {
    if (await addOrg({ label, baseUrl, secret })) {
      setLabel('');
      setBaseUrl('');
      setSecret('');
      setOpen(false);
    }
  }
  return (
    <fieldset
      className="org-form"
      disabled={busy === 'saving'}
      onKeyDown={(e) => {
        // Enter adds the org here, rather than completing the whole step.
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
          e.preventDefault();
          void add();
        }
      }}
    >
      <legend className="step-subtitle">Another org</legend>
      <Field label="Label" error={errors.orgLabel} hint="How this org is told apart in the seats table, for example “EMEA”.">
        {(props) => <input {...props} className="input" value={label} autoComplete="off" onChange={(e) => setLabel(e.target.value)} />}
      </Field>
      <Field label="Org connection URL" error={errors.orgBaseUrl}>
        {(props) => (
          <input {...props} className="input input--mono" value={baseUrl} spellCheck={false} autoComplete="off" onChange={(e) => setBaseUrl(e.target.value)} />
        )}
      </Field>
      {secretNeeded(grant) && grant ? (
        <Field label={`Org ${SECRET_LABELS[grant].toLowerCase()}`} error={errors.orgSecret} hint="Stored in the keychain for this org only.">
          {(props) => (
            <input {...props} type="password" className="input input--mono" value={secret} autoComplete="new-password" onChange={(e) => setSecret(e.target.value)} />
          )}
        </Field>
      ) : null}
      <div className="org-form__actions">
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
        <Button variant="secondary" onClick={() => void add()} busy={busy === 'saving'}>
          Add org
        </Button>
      </div>
    </fieldset>
  );
}

/* ---------------------------------------------------------------- 5. Review and publish */

export function ReviewStep() {
  const descriptor = useDescriptor();
  const values = usePlaybookStore((s) => s.values);
  const completed = usePlaybookStore((s) => s.completed);
  const secretStored = usePlaybookStore((s) => s.secretStored);
  const connectedAs = usePlaybookStore((s) => s.connectedAs);
  const validation = usePlaybookStore((s) => s.validation);
  const busy = usePlaybookStore((s) => s.busy);
  const profileId = usePlaybookStore((s) => s.profileId);
  const validate = usePlaybookStore((s) => s.validate);
  const goTo = usePlaybookStore((s) => s.goTo);
  const processes = [
    PROCESS_LABEL.download,
    values.activityEnabled ? `${PROCESS_LABEL.activity} from ${formatDay(values.activityFrom)}` : null,
    values.reclaimEnabled ? PROCESS_LABEL.reclaim : `${PROCESS_LABEL.reclaim}: off (candidates only)`,
  ].filter(Boolean);
  const missing = (['register', 'details', 'connection'] as const).filter((s) => !completed.includes(s));
  return (
    <div className="step-body">
      {missing.length > 0 ? (
        <Banner tone="warning" title="Some steps are not complete">
          <p>{missing.map((s) => STEP_TITLES[s]).join(', ')}: you can still publish once the connection is set up.</p>
        </Banner>
      ) : null}
      <dl className="summary">
        <SummaryRow label="Application" value={`${descriptor.displayName} (${descriptor.publisher})`} />
        <SummaryRow label="Name" value={values.name || '—'} onEdit={() => void goTo('details')} />
        <SummaryRow label="Processes" value={processes.join(' · ')} onEdit={() => void goTo('details')} />
        <SummaryRow label="Connection URL" value={values.baseUrl} mono onEdit={() => void goTo('connection')} />
        <SummaryRow label="Sign-in" value={values.grantType ? GRANT_TYPE_LABELS[values.grantType] : '—'} />
        <SummaryRow label="Credential" value={secretStored ? 'Stored in the keychain' : 'Not stored yet'} />
        {connectedAs ? <SummaryRow label="Connected as" value={connectedAs} /> : null}
      </dl>

      <section aria-labelledby="pb-validate" className="validate">
        <div className="validate__head">
          <h3 className="step-subtitle" id="pb-validate">
            Connection check
          </h3>
          <Button variant="secondary" onClick={() => void validate()} busy={busy === 'validating'} disabled={!profileId}>
            {busy === 'validating' ? 'Validating…' : 'Validate connection'}
          </Button>
        </div>
        {validation ? (
          <ul className="validate__results" aria-label="Validation results">
            {validation.results.map((r, i) => (
              <li key={`${r.process}-${i}`} className={r.ok ? 'result is-ok' : 'result is-fail'}>
                <span className="result__badge">{r.ok ? 'OK' : 'Failed'}</span>
                <span className="result__process">{PROCESS_LABEL[r.process]}</span>
                <span className="result__message">{r.message}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="step-note">One result per process: Seatwise asks the vendor, as the connected account, whether each is allowed.</p>
        )}
      </section>
      <p className="step-note">Publishing checks the connection again and starts the first download right away.</p>
    </div>
  );
}

function SummaryRow({ label, value, mono = false, onEdit }: { label: string; value: string; mono?: boolean; onEdit?: () => void }) {
  return (
    <div className="summary__row">
      <dt>{label}</dt>
      <dd className={mono ? 'summary__mono' : undefined}>{value}</dd>
      <dd className="summary__edit">
        {onEdit ? (
          <button type="button" className="link-button" onClick={onEdit}>
            Edit<span className="visually-hidden"> {label.toLowerCase()}</span>
          </button>
        ) : null}
      </dd>
    </div>
  );
}

function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' }) || isoDay(date);
}

/** A hint as the field shows it: a sentence that starts with a capital. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
