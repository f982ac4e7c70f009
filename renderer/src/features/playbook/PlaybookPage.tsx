/**
 * The guided playbook: a checklist of steps on the left (done / current / to do), the open
 * step's panel on the right, Back / Continue under it. Texts come from the vendor's
 * descriptor. Every value is saved as it is entered, so the playbook resumes where it was left.
 */
import { useEffect, useRef } from 'react';
import { Button, ButtonLink } from '../../components/Button.js';
import { CheckIcon, ChevronLeftIcon } from '../../components/icons.js';
import { Page } from '../../components/Page.js';
import { Banner, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { VendorMark } from '../../components/VendorMark.js';
import { href, navigate } from '../../router.js';
import { STEP_BLURBS, STEP_TITLES, STEPS, type StepId } from './model.js';
import { ConnectionStep, DetailsStep, OrgStep, RegisterStep, ReviewStep } from './steps.js';
import { CsvPlaybook } from './CsvPlaybook.js';
import { usePlaybookStore } from './store.js';
import './playbook.css';

export function PlaybookPage({ vendorKey, profileId }: { vendorKey?: string; profileId?: string }) {
  const status = usePlaybookStore((s) => s.status);
  const loadError = usePlaybookStore((s) => s.loadError);
  const descriptor = usePlaybookStore((s) => s.descriptor);
  const storeProfileId = usePlaybookStore((s) => s.profileId);
  const step = usePlaybookStore((s) => s.step);
  const busy = usePlaybookStore((s) => s.busy);
  const openNew = usePlaybookStore((s) => s.openNew);
  const openProfile = usePlaybookStore((s) => s.openProfile);

  useEffect(() => {
    if (profileId) void openProfile(profileId);
    else if (vendorKey) void openNew(vendorKey);
  }, [profileId, vendorKey, openNew, openProfile]);

  // Once the connection step has made a draft that connects, the address follows it, so a
  // reload resumes it. (A draft from a failed attempt is removed again, so it never gets one.)
  useEffect(() => {
    if (!profileId && storeProfileId && status === 'ready' && busy === null) navigate({ name: 'playbook', id: storeProfileId }, { replace: true });
  }, [profileId, storeProfileId, status, busy]);

  const breadcrumb = (
    <ol>
      <li>
        <a href={href({ name: 'home' })}>Integrations</a>
      </li>
      <li>
        <a href={href({ name: 'new' })}>New integration</a>
      </li>
    </ol>
  );

  const retry = () => (profileId ? openProfile(profileId) : vendorKey ? openNew(vendorKey) : undefined);

  return (
    <Page
      title={descriptor ? `Connect ${descriptor.displayName}` : 'New integration'}
      icon={descriptor ? <VendorMark vendor={descriptor.vendor} preset={descriptor.preset} size="lg" /> : null}
      subtitle={descriptor ? `${descriptor.publisher} · ${descriptor.product} · guided setup` : undefined}
      breadcrumb={breadcrumb}
      focusKey={`playbook:${profileId ?? vendorKey ?? ''}`}
    >
      {status === 'error' ? (
        <ErrorState title="Seatwise could not open this playbook" message={loadError ?? ''} onRetry={() => void retry()} />
      ) : status !== 'ready' || !descriptor ? (
        <PlaybookSkeleton />
      ) : descriptor.vendor === 'csv' && !profileId ? (
        // An app with no API has nothing to register or sign in to: one step, the export.
        <CsvPlaybook />
      ) : (
        <div className="playbook">
          <StepList />
          <StepPanel key={step} step={step} />
        </div>
      )}
    </Page>
  );
}

function StepList() {
  const step = usePlaybookStore((s) => s.step);
  const completed = usePlaybookStore((s) => s.completed);
  const goTo = usePlaybookStore((s) => s.goTo);
  const busy = usePlaybookStore((s) => s.busy);
  const done = completed.length;
  return (
    <nav className="playbook__steps card" aria-label="Playbook steps">
      <p className="playbook__progress" id="playbook-progress">
        {done} of {STEPS.length} steps complete
      </p>
      <div className="playbook__meter" aria-hidden="true">
        <span style={{ width: `${(done / STEPS.length) * 100}%` }} />
      </div>
      <ol className="step-list">
        {STEPS.map((id, index) => {
          const state = id === step ? 'current' : completed.includes(id) ? 'done' : 'todo';
          const stateText = state === 'done' ? 'done' : state === 'current' ? 'current step' : 'to do';
          return (
            <li key={id}>
              <button
                type="button"
                className={`step-link is-${state}`}
                aria-current={state === 'current' ? 'step' : undefined}
                disabled={busy !== null && state !== 'current'}
                onClick={() => void goTo(id)}
              >
                <span className="step-link__badge" aria-hidden="true">
                  {completed.includes(id) ? <CheckIcon size={14} /> : index + 1}
                </span>
                <span className="step-link__text">
                  <span className="step-link__title">{STEP_TITLES[id]}</span>
                  <span className="step-link__blurb">
                    {STEP_BLURBS[id]}
                    <span className="visually-hidden">, {stateText}</span>
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function StepPanel({ step }: { step: StepId }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const index = STEPS.indexOf(step);
  const completed = usePlaybookStore((s) => s.completed.includes(step));
  const stepError = usePlaybookStore((s) => s.stepError);
  const stepNotice = usePlaybookStore((s) => s.stepNotice);
  const cancelConnect = usePlaybookStore((s) => s.cancelConnect);
  const saveError = usePlaybookStore((s) => s.saveError);
  const busy = usePlaybookStore((s) => s.busy);
  const back = usePlaybookStore((s) => s.back);
  const markComplete = usePlaybookStore((s) => s.markComplete);
  const oauthSignIn = usePlaybookStore((s) => s.values.grantType === 'authorization_code');
  const bannerRef = useRef<HTMLDivElement>(null);

  // A newly opened step takes focus on its heading, so keyboard and screen reader users land on it.
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);

  async function onComplete() {
    const ok = await markComplete();
    if (ok && step === 'review') {
      const id = usePlaybookStore.getState().profileId;
      usePlaybookStore.getState().reset();
      if (id) navigate({ name: 'profile', id, tab: 'subscriptions' });
      return;
    }
    if (!ok) {
      window.setTimeout(() => {
        const invalid = document.querySelector<HTMLElement>('.playbook__panel [aria-invalid="true"]');
        if (invalid) invalid.focus();
        else bannerRef.current?.focus();
      }, 0);
    }
  }

  // One pattern on every step: "Continue", or what the step does first and then "continue";
  // the last step publishes. An optional step says so in its text, not in its button.
  const primaryLabel =
    step === 'review'
      ? busy === 'publishing'
        ? 'Publishing…'
        : 'Publish'
      : step === 'connection'
        ? busy === 'connecting'
          ? oauthSignIn
            ? 'Waiting for the sign-in…'
            : 'Connecting…'
          : oauthSignIn
            ? 'Sign in and continue'
            : 'Connect and continue'
        : 'Continue';

  return (
    <section className="playbook__panel card" aria-labelledby="playbook-step-title">
      <header className="playbook__panel-head">
        <p className="playbook__eyebrow">
          Step {index + 1} of {STEPS.length}
          {completed ? (
            <span className="pill pill--done">
              <CheckIcon size={12} /> Complete
            </span>
          ) : null}
        </p>
        <h2 className="playbook__title" id="playbook-step-title" tabIndex={-1} ref={headingRef}>
          {STEP_TITLES[step]}
        </h2>
      </header>

      {stepError ? (
        <div ref={bannerRef} tabIndex={-1} className="playbook__banner">
          <Banner tone="danger" title={stepError.title} role="alert">
            <p>{stepError.message}</p>
          </Banner>
        </div>
      ) : stepNotice ? (
        <div className="playbook__banner">
          <Banner tone="info" title="Connection attempt stopped" role="status">
            <p>{stepNotice}</p>
          </Banner>
        </div>
      ) : null}

      <form
        className="playbook__body"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onComplete();
        }}
        aria-busy={busy ? true : undefined}
      >
        {step === 'register' ? <RegisterStep /> : null}
        {step === 'details' ? <DetailsStep /> : null}
        {step === 'connection' ? <ConnectionStep /> : null}
        {step === 'org' ? <OrgStep /> : null}
        {step === 'review' ? <ReviewStep /> : null}

        <footer className="playbook__actions">
          {index > 0 ? (
            <Button variant="ghost" icon={<ChevronLeftIcon size={16} />} onClick={() => void back()} disabled={busy !== null}>
              Back
            </Button>
          ) : (
            <ButtonLink href={href({ name: 'new' })} variant="ghost" icon={<ChevronLeftIcon size={16} />}>
              All applications
            </ButtonLink>
          )}
          <span className="playbook__actions-spacer" />
          {saveError ? (
            <span className="playbook__save-note" role="status">
              Progress not saved: {saveError}
            </span>
          ) : null}
          {busy === 'connecting' ? (
            <Button variant="secondary" onClick={() => void cancelConnect()}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" variant="primary" busy={busy === 'connecting' || busy === 'publishing' || (busy === 'saving' && step !== 'org')}>
            {primaryLabel}
          </Button>
        </footer>
      </form>
    </section>
  );
}

function PlaybookSkeleton() {
  return (
    <LoadingRegion label="Loading the playbook…">
      <div className="playbook">
        <div className="playbook__steps card">
          {STEPS.map((id) => (
            <div className="step-link" key={id}>
              <Skeleton width={24} height={24} className="skeleton--square" />
              <Skeleton width={140} height={12} />
            </div>
          ))}
        </div>
        <div className="playbook__panel card">
          <Skeleton width={90} height={10} />
          <Skeleton width={260} height={20} />
          <Skeleton width="100%" height={12} />
          <Skeleton width="80%" height={12} />
        </div>
      </div>
    </LoadingRegion>
  );
}
