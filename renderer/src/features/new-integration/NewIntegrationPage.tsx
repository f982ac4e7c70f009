/** The vendor picker: each application links to its guided playbook (`#/new/<vendorKey>`). */
import { useEffect } from 'react';
import { Page } from '../../components/Page.js';
import { ErrorState } from '../../components/States.js';
import { href } from '../../router.js';
import { useNewIntegrationStore } from './store.js';
import { VendorPicker, VendorPickerSkeleton } from './VendorPicker.js';

export function NewIntegrationPage() {
  const status = useNewIntegrationStore((state) => state.vendorsStatus);
  const vendors = useNewIntegrationStore((state) => state.vendors);
  const vendorsError = useNewIntegrationStore((state) => state.vendorsError);
  const loadVendors = useNewIntegrationStore((state) => state.loadVendors);

  useEffect(() => {
    if (useNewIntegrationStore.getState().vendorsStatus === 'idle') void loadVendors();
  }, [loadVendors]);

  const breadcrumb = (
    <ol>
      <li>
        <a href={href({ name: 'home' })}>Integrations</a>
      </li>
    </ol>
  );

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
