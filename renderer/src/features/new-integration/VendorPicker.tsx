import { Skeleton } from '../../components/States.js';
import { ChevronRightIcon } from '../../components/icons.js';
import { VendorMark } from '../../components/VendorMark.js';
import { GRANT_TYPE_SHORT } from '../../lib/labels.js';
import { vendorKey } from '../../lib/vendors.js';
import { href } from '../../router.js';
import type { VendorDescriptorDto } from '../../types.js';

/** One card per application Seatwise can connect. Each card is a link to its form. */
export function VendorPicker({ vendors }: { vendors: VendorDescriptorDto[] }) {
  return (
    <ul className="vendor-grid" aria-label="Applications">
      {vendors.map((descriptor) => {
        const key = vendorKey(descriptor.vendor, descriptor.preset);
        return (
          <li key={key}>
            <a className="vendor-card" href={href({ name: 'new', vendorKey: key })}>
              <span className="vendor-card__head">
                <VendorMark vendor={descriptor.vendor} preset={descriptor.preset} size="lg" />
                <span className="vendor-card__names">
                  <span className="vendor-card__name">{descriptor.displayName}</span>
                  <span className="vendor-card__publisher">{descriptor.publisher}</span>
                </span>
                <ChevronRightIcon className="vendor-card__chevron" />
              </span>
              <span className="vendor-card__facts">
                <span className="vendor-card__fact">
                  <span className="vendor-card__fact-label">Signs in with</span>
                  {descriptor.authMethods.map((method) => GRANT_TYPE_SHORT[method]).join(', ')}
                </span>
                <span className="vendor-card__capabilities">
                  <Capability on label="Seats" />
                  <Capability on={descriptor.activitySupported} label="Activity" />
                  <Capability on={descriptor.reclaimSupported} label="Reclaim" />
                </span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

function Capability({ on, label }: { on: boolean; label: string }) {
  return (
    <span className={on ? 'capability is-on' : 'capability'}>
      <span className="visually-hidden">{on ? 'Supports ' : 'Does not support '}</span>
      {label}
    </span>
  );
}

export function VendorPickerSkeleton() {
  return (
    <ul className="vendor-grid" aria-hidden="true">
      {[0, 1, 2, 3, 4].map((index) => (
        <li key={index}>
          <div className="vendor-card vendor-card--skeleton">
            <span className="vendor-card__head">
              <Skeleton width={40} height={40} className="skeleton--square" />
              <span className="vendor-card__names">
                <Skeleton width={120} height={14} />
                <Skeleton width={80} height={10} />
              </span>
            </span>
            <Skeleton width="70%" height={10} />
          </div>
        </li>
      ))}
    </ul>
  );
}
