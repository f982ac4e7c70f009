/**
 * Settings: how Seatwise runs on this machine. The installation's facts, the two settings main
 * keeps (tray, syncs at once), and where the data, logs and credentials are, for backups.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../components/Button.js';
import { Field } from '../../components/Field.js';
import { ErrorState, Skeleton } from '../../components/States.js';
import { Tag } from '../../components/StatusPill.js';
import { Switch } from '../../components/Switch.js';
import { Page } from '../../components/Page.js';
import { SectionCard } from '../../components/SectionCard.js';
import { PeopleAndRoles } from './PeopleAndRoles.js';
import type { AppInfo } from '../../types.js';
import { useSettingsStore, type AppSettings } from './store.js';
import './settings.css';

/** The contract's MAX_PARALLEL_SYNCS (the renderer takes only types from preload). */
const MAX_PARALLEL = 64;

export function SettingsPage() {
  const status = useSettingsStore((state) => state.status);
  const info = useSettingsStore((state) => state.info);
  const settings = useSettingsStore((state) => state.settings);
  const error = useSettingsStore((state) => state.error);
  const load = useSettingsStore((state) => state.load);

  useEffect(() => {
    void load();
  }, [load]);

  if (status === 'error') {
    return (
      <Page title="Settings" subtitle="How Seatwise runs on this machine." focusKey="settings">
        <ErrorState title="Seatwise could not read its settings" message={error ?? ''} onRetry={() => void load()} />
      </Page>
    );
  }

  const sep = info && /^[A-Za-z]:\\/.test(info.dataDir) ? '\\' : '/';
  const team = info?.signedIn ?? null;
  return (
    <Page title="Settings" subtitle={team ? 'How this team server runs, and who may do what on it.' : 'How Seatwise runs on this machine.'} focusKey="settings">
      <div className="settings">
        <SectionCard titleId="running-heading" title="Running" lead="When Seatwise runs and how much it does at once.">
          <div className="settings__body">
            {settings ? (
              <RunningForm key={JSON.stringify(settings)} settings={settings} transport={info?.transport ?? 'http'} team={team} />
            ) : status === 'ready' && error ? (
              <ErrorState title="Seatwise could not read its settings" message={error} onRetry={() => void load()} />
            ) : (
              <Skeleton width={320} height={16} />
            )}
          </div>
        </SectionCard>

        {team ? <PeopleAndRoles signedIn={team} /> : null}

        <SectionCard
          titleId="about-heading"
          title="This installation"
          lead="The version and how this copy of Seatwise is running."
          aside={info?.demo ? <Tag tone="info">Demo organisation</Tag> : undefined}
        >
          <dl className="details settings__body">
            <Row label="Version">{info ? info.version : <Skeleton width={60} />}</Row>
            <Row label="Running as">{info ? (info.transport === 'ipc' ? 'Desktop app' : team ? 'Team server (seatwise serve --database)' : 'Browser host (seatwise serve)') : <Skeleton width={120} />}</Row>
            <Row label="Platform">{info ? info.platform : <Skeleton width={80} />}</Row>
          </dl>
        </SectionCard>

        <SectionCard
          titleId="data-heading"
          title="Data, logs and credentials"
          lead={
            team
              ? 'A team server keeps its data in its PostgreSQL database: back up the database. This folder holds only logs and exports.'
              : 'Back up by copying the data folder while Seatwise is closed; reset by moving it away. Credentials are not in it: they stay in the OS keychain.'
          }
        >
          <dl className="details settings__body">
            <Row label={team ? 'Working folder' : 'Data folder'}>{info ? <code className="mono-value">{info.dataDir}</code> : <Skeleton width={260} />}</Row>
            <Row label="Log file">
              {info ? <code className="mono-value">{[info.dataDir, 'logs', 'seatwise.log'].join(sep)}</code> : <Skeleton width={300} />}
            </Row>
            <Row label="Credentials">
              {team ? 'Sealed in the database (AES-256-GCM) with the server’s own keys: never in the clear' : 'OS keychain, service “Seatwise”: never a file'}
            </Row>
          </dl>
        </SectionCard>
      </div>
    </Page>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function RunningForm({ settings, transport, team }: { settings: AppSettings; transport: 'ipc' | 'http'; team: AppInfo['signedIn'] }) {
  // A team server has no tray, and only an admin changes its settings.
  const readOnly = team !== null && !team.roles.includes('admin');
  const ids = useId();
  const save = useSettingsStore((state) => state.save);
  const saving = useSettingsStore((state) => state.saving);
  const saveError = useSettingsStore((state) => state.saveError);
  const saved = useSettingsStore((state) => state.saved);
  const [tray, setTray] = useState(settings.keepRunningInTray);
  const [parallel, setParallel] = useState(String(settings.maxParallelSyncs));
  const [parallelError, setParallelError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const count = Number(parallel);
    if (!Number.isInteger(count) || count < 1 || count > MAX_PARALLEL) {
      setParallelError(`A whole number from 1 to ${MAX_PARALLEL}.`);
      return;
    }
    setParallelError(undefined);
    const patch = {
      ...(tray !== settings.keepRunningInTray ? { keepRunningInTray: tray } : {}),
      ...(count !== settings.maxParallelSyncs ? { maxParallelSyncs: count } : {}),
    };
    if (Object.keys(patch).length > 0) await save(patch);
  };

  return (
    <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate aria-describedby={`${ids}-status`}>
      {team ? null : (
        <div className="settings-form__row">
          <div>
            <p className="settings-form__label" id={`${ids}-tray`}>
              Keep running in the tray
            </p>
            <p className="field__hint">
              Closing the window leaves Seatwise in the system tray, so scheduled syncs still run.
              {transport === 'http' ? ' Applies to the desktop app; the browser host runs until it is stopped.' : ''}
            </p>
          </div>
          <Switch checked={tray} onChange={setTray} label="Keep running in the tray" />
        </div>
      )}
      <Field label="Syncs at the same time" error={parallelError} hint={`How many integrations sync at once (1 to ${MAX_PARALLEL}); each vendor is still called at its own pace. Applies at once.`}>
        {(props) => <input {...props} className="input settings-form__number" inputMode="numeric" value={parallel} readOnly={readOnly} onChange={(event) => setParallel(event.target.value)} />}
      </Field>
      <div className="settings-form__actions">
        {readOnly ? null : (
          <Button type="submit" variant="primary" busy={saving}>
            Save settings
          </Button>
        )}
        <p id={`${ids}-status`} className={saveError ? 'field-error' : 'muted'} role={saveError ? 'alert' : 'status'}>
          {readOnly ? "Only an admin changes this server's settings." : saveError ? `Not saved: ${saveError}` : (saved ?? '')}
        </p>
      </div>
    </form>
  );
}
