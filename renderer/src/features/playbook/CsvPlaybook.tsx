/**
 * The playbook of an app with no API: name it, choose the vendor's user export, check the
 * columns Seatwise detected (each a select to correct), publish. The file is read here and its
 * text sent to main: in the browser host main could not open a path on this machine anyway.
 */
import { useState } from 'react';
import { api, errorMessage } from '../../api.js';
import { Button } from '../../components/Button.js';
import { Field } from '../../components/Field.js';
import { Banner } from '../../components/States.js';
import { navigate } from '../../router.js';
import type { ImportPreview } from '../../../../preload/contract.js';

/** As main refuses beyond it (connectors/csv): checked here first so a huge file is never sent. */
const MAX_BYTES = 10 * 1024 * 1024;

const FIELDS = [
  { field: 'email', label: 'Email column', required: true },
  { field: 'name', label: 'Name column', required: true },
  { field: 'licenseType', label: 'License type column', required: true },
  { field: 'lastActive', label: 'Last active column', required: false },
] as const;
type MappingField = (typeof FIELDS)[number]['field'];
type Mapping = Partial<Record<MappingField, string>>;

export function CsvPlaybook() {
  const [name, setName] = useState('');
  const [file, setFile] = useState<{ fileName: string; content: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | undefined>();
  const [busy, setBusy] = useState<'reading' | 'publishing' | null>(null);

  async function refresh(next: { fileName: string; content: string }, chosen: Mapping | undefined) {
    const result = await api.call('profiles:previewImport', { ...next, ...(chosen ? { mapping: mappingInput(chosen) } : {}) });
    setPreview(result);
    setMapping(result.mapping);
  }

  async function onFile(list: FileList | null) {
    const chosen = list?.[0];
    setError(null);
    if (!chosen) return;
    if (chosen.size > MAX_BYTES) {
      setError(`${chosen.name} is larger than 10 MB: export only the users, or split the file.`);
      return;
    }
    setBusy('reading');
    try {
      const next = { fileName: chosen.name, content: await chosen.text() };
      setFile(next);
      await refresh(next, undefined);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function onColumn(field: MappingField, value: string) {
    const next = { ...mapping, [field]: value || undefined };
    setMapping(next);
    if (file) await refresh(file, next).catch((e: unknown) => setError(errorMessage(e)));
  }

  async function publish() {
    setError(null);
    if (!name.trim()) {
      setNameError('Give the integration a name.');
      return;
    }
    setNameError(undefined);
    if (!file) {
      setError('Choose the export file first.');
      return;
    }
    setBusy('publishing');
    let profileId: string | undefined;
    try {
      const created = await api.call('profiles:create', { name: name.trim(), vendor: 'csv', connection: { baseUrl: 'file:///export.csv', grantType: 'token', options: {} } });
      profileId = created.id;
      await api.call('profiles:import', { profileId, ...file, mapping: mappingInput(mapping) });
      navigate({ name: 'profile', id: profileId, tab: 'subscriptions' });
    } catch (e) {
      // A refused file leaves no draft behind: the next attempt starts clean.
      if (profileId) await api.call('profiles:remove', { profileId }).catch(() => undefined);
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  const header = preview?.header ?? [];
  return (
    <section className="playbook__panel card csv-playbook" aria-labelledby="csv-playbook-title">
      <header className="playbook__panel-head">
        <h2 className="playbook__title" id="csv-playbook-title">
          Import the app&apos;s user export
        </h2>
        <p>
          For an app with no API, Seatwise reads the CSV export of its users. Import a new export whenever you want the seats read again: a person missing from
          it has left the app. Reclaim writes a task list for a ticket.
        </p>
      </header>
      {error ? (
        <Banner tone="danger" title="The export was not imported" role="alert">
          <p>{error}</p>
        </Banner>
      ) : null}
      <form
        className="playbook__body"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void publish();
        }}
        aria-busy={busy ? true : undefined}
      >
        <Field label="Name" error={nameError} hint="How this integration appears in Seatwise, in exports and in the audit log.">
          {(props) => <input {...props} className="input" value={name} maxLength={200} autoComplete="off" onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Export file (CSV)" hint="The users as the app's admin console exports them, with a header row. At most 10 MB.">
          {(props) => <input {...props} type="file" accept=".csv,text/csv" className="input" onChange={(e) => void onFile(e.target.files)} />}
        </Field>
        {preview ? (
          <fieldset className="csv-playbook__mapping">
            <legend>Columns detected in {file?.fileName}</legend>
            {FIELDS.map(({ field, label, required }) => (
              <Field key={field} label={label} optional={!required} hint={field === 'lastActive' ? 'Without one, activity comes only from an identity provider link (SSO sign-ins).' : undefined}>
                {(props) => (
                  <select {...props} className="input select" value={mapping[field] ?? ''} onChange={(e) => void onColumn(field, e.target.value)}>
                    <option value="">{required ? 'Choose a column' : 'None: the export has no such column'}</option>
                    {header.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
            <p role="status" className={preview.problem ? 'csv-playbook__problem' : 'csv-playbook__ready'}>
              {preview.problem ?? `${preview.seats ?? 0} seat(s) will be imported.`}
            </p>
          </fieldset>
        ) : null}
        <footer className="playbook__actions">
          <span className="playbook__actions-spacer" />
          <Button type="submit" variant="primary" busy={busy === 'publishing'} disabled={busy === 'reading'}>
            {busy === 'publishing' ? 'Importing…' : 'Import and publish'}
          </Button>
        </footer>
      </form>
    </section>
  );
}

/** The selects as the contract takes them: an empty last-active select says "the export has none". */
function mappingInput(mapping: Mapping): { email?: string; name?: string; licenseType?: string; lastActive?: string | null } {
  return {
    ...(mapping.email ? { email: mapping.email } : {}),
    ...(mapping.name ? { name: mapping.name } : {}),
    ...(mapping.licenseType ? { licenseType: mapping.licenseType } : {}),
    lastActive: mapping.lastActive ? mapping.lastActive : null,
  };
}
