/**
 * 1,000 export rows that try hard to break a writer: unicode, commas, quotes, line breaks,
 * formula injection, missing dates and prices. Deterministic.
 */
import type { ExportRow } from '../../../main/export/columns.js';

const NAMES = [
  'Zoë Ångström',
  '李小龙',
  'مريم الحسن',
  'Łukasz Żółć',
  '🚀 Rocket Person',
  'O\'Brien, Seán',
  'Ada "The Countess" Lovelace',
  'Line\nBreak',
  'Windows\r\nBreak',
  '=HYPERLINK("http://evil.example","click")',
  '+1-555-0100',
  '-2+3',
  '@SUM(A1:A9)',
  '\tTabbed',
  '\rCarriage',
  'Ünïcödé, with "both"\nand more',
  'Plain Name',
];

const STATUSES = ['open', 'approved', 'rejected', 'reclaimed', 'failed', 'resolved'];

export function sampleRows(count = 1000): ExportRow[] {
  const rows: ExportRow[] = [];
  const base = Date.UTC(2026, 7, 1, 9, 30, 15, 123);
  for (let i = 0; i < count; i++) {
    const name = NAMES[i % NAMES.length]!;
    const noActivity = i % 9 === 0;
    const unpriced = i % 13 === 0;
    rows.push({
      id: `c-${i.toString(16).padStart(16, '0')}`,
      profile: i % 5 === 0 ? 'Asana, EU "prod"' : 'Salesforce CRM',
      vendor: i % 5 === 0 ? 'asana' : 'salesforce',
      userId: i % 17 === 3 ? `-${i}` : `u${i}`,
      email: i % 11 === 0 ? `=cmd|' /C calc'!A${i}@evil.example` : `user.${i}@exämple.com`,
      name: i % 2 === 0 ? `${name} ${i}` : name,
      licenseType: i % 3 === 0 ? 'Business' : i % 3 === 1 ? 'Salesforce Platform' : '@Enterprise',
      lastActivityAt: noActivity ? null : new Date(base - i * 3_600_123).toISOString(),
      daysInactive: 60 + (i % 200),
      rule: `Rule ${i % 4}, ${60 + (i % 4) * 15} days`,
      thresholdDays: 60 + (i % 4) * 15,
      status: STATUSES[i % STATUSES.length]!,
      monthlyCost: unpriced ? null : [24.99, 35, 8.33, 0, 1234.5][i % 5]!,
      currency: unpriced ? null : i % 2 === 0 ? 'USD' : 'EUR',
      reason: i % 6 === 0 ? 'leaver' : 'inactive',
      activitySource: noActivity ? null : 'vendor',
      orphan: i % 4 === 0 ? null : i % 4 === 1,
      // A downgrade saves the price difference, or an unknown amount when the tier is unpriced.
      monthlySaving: unpriced || i % 10 === 7 ? null : i % 7 === 0 ? [10, 0.01, 4.5][i % 3]! : [24.99, 35, 8.33, 0, 1234.5][i % 5]!,
      downgradeTo: i % 7 === 0 ? '=Cheaper, "tier"' : null,
    });
  }
  return rows;
}
