import { PlugIcon } from './icons.js';
import { vendorLook } from '../lib/vendors.js';

/** The vendor's small square mark: a monogram on the vendor's tint. Decorative. */
export function VendorMark({ vendor, preset, size = 'md' }: { vendor: string; preset?: string | undefined; size?: 'sm' | 'md' | 'lg' }) {
  const look = vendorLook(vendor, preset);
  return (
    <span className={`vendor-mark vendor-mark--${look.tone} vendor-mark--${size}`} aria-hidden="true">
      {look.tone === 'custom' ? <PlugIcon size={size === 'lg' ? 22 : size === 'md' ? 16 : 13} /> : look.monogram}
    </span>
  );
}
