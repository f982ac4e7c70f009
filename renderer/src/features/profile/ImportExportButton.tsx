/**
 * "Import export…" on a CSV app's record: its sync with a new export. The file is read here and
 * its text sent (main may not be able to open a path on this machine); a refused file changes
 * nothing, and the refusal, naming the line, is said beside the button.
 */
import { useId, useRef, useState } from 'react';
import { api, errorMessage } from '../../api.js';
import { Button } from '../../components/Button.js';
import { useSyncStore } from '../sync/store.js';
import './import-export.css';

const MAX_BYTES = 10 * 1024 * 1024;

export function ImportExportButton({ profileId, profileName }: { profileId: string; profileName: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<{ status: 'idle' | 'importing' } | { status: 'done' | 'error'; text: string }>({ status: 'idle' });

  async function onFile(list: FileList | null) {
    const file = list?.[0];
    if (input.current) input.current.value = '';
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setState({ status: 'error', text: `${file.name} is larger than 10 MB: export only the users, or split the file.` });
      return;
    }
    setState({ status: 'importing' });
    try {
      const job = await api.call('profiles:import', { profileId, fileName: file.name, content: await file.text() });
      // The import is a sync: its progress shows in the sync panel like any run.
      useSyncStore.getState().applyJob(job);
      setState({ status: 'done', text: `${file.name} read: the import runs as a sync.` });
    } catch (error) {
      setState({ status: 'error', text: errorMessage(error) });
    }
  }

  return (
    <span className="import-export">
      <input ref={input} id={id} type="file" accept=".csv,text/csv" hidden onChange={(e) => void onFile(e.target.files)} />
      <Button variant="primary" size="md" busy={state.status === 'importing'} aria-label={`Import export: ${profileName}`} onClick={() => input.current?.click()}>
        Import export…
      </Button>
      {state.status === 'done' || state.status === 'error' ? (
        <span role={state.status === 'error' ? 'alert' : 'status'} className={state.status === 'error' ? 'field-error' : 'muted'}>
          {state.text}
        </span>
      ) : null}
    </span>
  );
}
