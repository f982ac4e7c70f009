/**
 * A thin progress bar. With a fraction it is determinate; with null it shows an indeterminate
 * sweep (the total is unknown while paging through a vendor).
 */
export function ProgressBar({ fraction, label, size = 'thin' }: { fraction: number | null; label: string; size?: 'thin' | 'regular' }) {
  const determinate = fraction !== null && Number.isFinite(fraction);
  const percent = determinate ? Math.round(Math.min(1, Math.max(0, fraction)) * 100) : undefined;
  return (
    <div
      className={`progress progress--${size}${determinate ? '' : ' progress--indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress__fill" style={determinate ? { width: `${percent}%` } : undefined} />
    </div>
  );
}
