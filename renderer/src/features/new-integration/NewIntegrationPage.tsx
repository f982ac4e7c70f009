import { useEffect } from 'react';
import { ButtonLink } from '../../components/Button.js';
import { Page } from '../../components/Page.js';
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { VendorMark } from '../../components/VendorMark.js';
import { href } from '../../router.js';
import { IntegrationForm } from './IntegrationForm.js';
import { descriptorFor, useNewIntegrationStore } from './store.js';
import { VendorPicker, VendorPickerSkeleton } from './VendorPicker.js';

export function NewIntegrationPage({ vendorKey }: { vendorKey?: string | undefined }) {
  const status = useNewIntegrationStore((state) => state.vendorsStatus);
  const vendors = useNewIntegrationStore((state) => state.vendors);
  const vendorsError = useNewIntegrationStore((state) => state.vendorsError);
  const loadVendors = useNewIntegrationStore((state) => state.loadVendors);
  const begin = useNewIntegrationStore((state) => state.begin);

  useEffect(() => {
    if (useNewIntegrationStore.getState().vendorsStatus === 'idle') void loadVendors();
  }, [loadVendors]);

  useEffect(() => {
    if (vendorKey) begin(vendorKey);
  }, [vendorKey, begin, status]);

  const descriptor = descriptorFor(vendors, vendorKey ?? null);
  const breadcrumb = (
    <ol>
      <li>
        <a href={href({ name: 'home' })}>Integrations</a>
      </li>
      {vendorKey ? (
        <li>
          <a href={href({ name: 'new' })}>New integration</a>
        </li>
      ) : null}
    </ol>
  );

  if (!vendorKey) {
    return (
      <Page
        title="New integration"
        subtitle="Choose the application to connect. Seatwise reads its seats and activity; it changes nothing until you approve a reclamation."
        breadcrumb={breadcrumb}
        focusKey="new"
      >
        {status === 'error' ? (
          <ErrorState title="Seatwise could not list the applications it connects to" message={vendorsError ?? ''} onRetry={() => void loadVendors()} />
        ) : status === 'ready' ? (
          <VendorPicker vendors={vendors} />
        ) : (
          <VendorPickerSkeleton />
        )}
      </Page>
    );
  }

  return (
    <Page
      title={descriptor ? `Connect ${descriptor.displayName}` : 'New integration'}
      icon={descriptor ? <VendorMark vendor={descriptor.vendor} preset={descriptor.preset} size="lg" /> : null}
      subtitle={descriptor ? `${descriptor.publisher} · ${descriptor.product}` : undefined}
      breadcrumb={breadcrumb}
      focusKey={`new:${vendorKey}`}
    >
      {status === 'error' ? (
        <ErrorState title="Seatwise could not load this application's details" message={vendorsError ?? ''} onRetry={() => void loadVendors()} />
      ) : status !== 'ready' ? (
        <FormSkeleton />
      ) : descriptor ? (
        <IntegrationForm descriptor={descriptor} />
      ) : (
        <div className="card">
          <EmptyState
            title="Seatwise does not know this application"
            actions={
              <ButtonLink href={href({ name: 'new' })} variant="primary">
                Choose an application
              </ButtonLink>
            }
          >
            <p>The link points to “{vendorKey}”, which is not one of the applications Seatwise connects to.</p>
          </EmptyState>
        </div>
      )}
    </Page>
  );
}

function FormSkeleton() {
  return (
    <LoadingRegion label="Loading the form…">
      <div className="form-layout">
        <div className="card form-card">
          {[0, 1, 2, 3].map((index) => (
            <div className="field" key={index}>
              <Skeleton width={110} height={12} />
              <Skeleton width="100%" height={36} className="skeleton--input" />
            </div>
          ))}
        </div>
      </div>
    </LoadingRegion>
  );
}
