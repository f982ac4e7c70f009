/**
 * "Scheduled job" on the record's Jobs tab: when the profile syncs on its own, the next run,
 * and a form to change it (every day, every week, or a cron expression; a time zone optional).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '../../components/Button.js';
import { Field } from '../../components/Field.js';
import { ErrorState, Skeleton } from '../../components/States.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { useNow } from '../../lib/useNow.js';
import type { ProfileDetail, ScheduleInput } from '../../types.js';
import { useScheduleStore } from './store.js';
import { draftOf, toSchedule, validateDraft, type ScheduleDraft } from './draft.js';
import './schedule.css';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function ScheduleCard({ profile }: { profile: ProfileDetail }) {
  const status = useScheduleStore((state) => state.status);
  const view = useScheduleStore((state) => state.view);
  const error = useScheduleStore((state) => state.error);
  const load = useScheduleStore((state) => state.load);
  const [editing, setEditing] = useState(false);
  const now = useNow();

  useEffect(() => {
    void load(profile.id);
  }, [profile.id, load]);

  if (status === 'error') return <ErrorState title="Seatwise could not read the schedule" message={error ?? ''} onRetry={() => void load(profile.id)} />;

  return (
    <section className="card schedule-card" aria-labelledby="schedule-title">
      <div className="card__header card__header--inline">
        <h2 className="card__title" id="schedule-title">
          Scheduled job
        </h2>
        {view && !editing ? (
          <Button size="sm" onClick={() => setEditing(true)}>
            Change schedule
          </Button>
        ) : null}
      </div>
      {!view ? (
        <Skeleton width={260} height={14} />
      ) : editing ? (
        <ScheduleForm initial={view.schedule} machineZone={view.timeZone} onDone={() => setEditing(false)} />
      ) : (
        <dl className="details schedule-card__details">
          <div className="details__row">
            <dt>Runs</dt>
            <dd>{view.description}</dd>
          </div>
          <div className="details__row">
            <dt>Time zone</dt>
            <dd>{view.schedule.timeZone ?? `${view.timeZone} (this computer's)`}</dd>
          </div>
          <div className="details__row">
            <dt>Next run</dt>
            <dd>
              {view.nextRunAt ? (
                <time dateTime={view.nextRunAt} title={formatDateTime(view.nextRunAt)}>
                  {formatDateTime(view.nextRunAt)} ({formatRelative(view.nextRunAt, now)})
                </time>
              ) : (
                <span className="muted">{profile.status === 'draft' ? 'After the integration is published' : 'Not scheduled'}</span>
              )}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function ScheduleForm({ initial, machineZone, onDone }: { initial: ScheduleInput; machineZone: string; onDone: () => void }) {
  const save = useScheduleStore((state) => state.save);
  const saving = useScheduleStore((state) => state.saving);
  const saveError = useScheduleStore((state) => state.saveError);
  const [draft, setDraft] = useState<ScheduleDraft>(() => draftOf(initial));
  const [errors, setErrors] = useState<Partial<Record<keyof ScheduleDraft, string>>>({});
  const update = <K extends keyof ScheduleDraft>(key: K, value: ScheduleDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (await save(toSchedule(draft))) onDone();
  };

  return (
    <form className="schedule-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field label="Repeat">
        {(props) => (
          <select {...props} className="select" value={draft.kind} onChange={(event) => update('kind', event.target.value as ScheduleDraft['kind'])}>
            <option value="daily">Every day</option>
            <option value="weekly">Every week</option>
            <option value="cron">Cron expression</option>
          </select>
        )}
      </Field>
      {draft.kind === 'weekly' ? (
        <Field label="Day">
          {(props) => (
            <select {...props} className="select" value={draft.day} onChange={(event) => update('day', Number(event.target.value))}>
              {DAYS.map((name, index) => (
                <option key={name} value={index}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {draft.kind === 'cron' ? (
        <Field label="Cron expression" error={errors.expression} hint="Five fields: minute hour day-of-month month day-of-week, e.g. 0 */6 * * *">
          {(props) => <input {...props} className="input input--mono" value={draft.expression} onChange={(event) => update('expression', event.target.value)} />}
        </Field>
      ) : (
        <Field label="Time" error={errors.time}>
          {(props) => <input {...props} className="input" type="time" value={draft.time} onChange={(event) => update('time', event.target.value)} />}
        </Field>
      )}
      <Field label="Time zone" optional error={errors.timeZone} hint={`Empty: this computer's zone (${machineZone}), wherever it is.`}>
        {(props) => <input {...props} className="input" placeholder="Europe/Berlin" value={draft.timeZone} onChange={(event) => update('timeZone', event.target.value)} />}
      </Field>
      {saveError ? (
        <p className="field__error schedule-form__error" role="alert">
          {saveError}
        </p>
      ) : null}
      <div className="form-actions schedule-form__actions">
        <Button type="submit" variant="primary" busy={saving}>
          Save schedule
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
