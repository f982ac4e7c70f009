/**
 * An inline edit form's working state: the draft as typed, its errors beside the fields, the
 * server's refusal, and a busy flag. Submitting validates first and puts the focus on the
 * first field in error; once a field has shown an error, it is re-checked as the person types
 * so it clears at once. A refused save keeps the draft and shows why.
 */
import { useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../api.js';

function hasErrors(errors: object): boolean {
  return Object.values(errors).some(Boolean);
}

export function useDraftForm<D, E extends object>(options: {
  initial: () => D;
  validate: (draft: D) => E;
  /** Saves a valid draft; throws to refuse (the message is shown, the draft kept). */
  persist: (draft: D) => Promise<void>;
}) {
  const [draft, setDraft] = useState<D>(options.initial);
  const [errors, setErrors] = useState<E>({} as E);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  function change<K extends keyof D>(key: K, value: D[K]): void {
    const next = { ...draft, [key]: value };
    setDraft(next);
    if (hasErrors(errors)) setErrors(options.validate(next));
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const found = options.validate(draft);
    setErrors(found);
    if (hasErrors(found)) {
      // Focus the first field in error once React has marked it invalid.
      window.requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    setServerError(null);
    try {
      await options.persist(draft);
    } catch (error) {
      setBusy(false);
      setServerError(errorMessage(error));
    }
  }

  return { draft, errors, serverError, busy, formRef, change, submit };
}
