/** The foot of an inline row form: main's refusal above the buttons (the form keeps what was typed), then Cancel and Save. */
import { Button } from './Button.js';
import { Banner } from './States.js';

export function RowFormFooter({ serverError, failedTitle, busy, saveLabel, onCancel }: { serverError: string | null; failedTitle: string; busy: boolean; saveLabel: string; onCancel: () => void }) {
  return (
    <>
      {serverError ? (
        <Banner tone="danger" title={failedTitle} role="alert">
          <p>{serverError}</p>
        </Banner>
      ) : null}
      <div className="row-form__actions">
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button variant="primary" type="submit" busy={busy}>
          {busy ? 'Saving…' : saveLabel}
        </Button>
      </div>
    </>
  );
}
