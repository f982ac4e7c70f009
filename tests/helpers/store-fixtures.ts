import type { Snapshot } from '../../main/store/schema.js';

const T0 = '2026-03-01T08:00:00.000Z';

/** Seats of every shape a snapshot holds, hostile names among them. */
export function subscriptions(profileId: string, count: number): Snapshot['subscriptions'] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${profileId}-s${i}`,
    profileId,
    orgId: i % 3 === 0 ? 'org-b' : 'org-a',
    userId: `u${i}`,
    email: `person${i}@example.com`,
    // Hostile names survive the round trip as they are: line breaks, formulas, other scripts.
    name: i % 5 === 0 ? `=HYPERLINK("x")\nLine ${i}` : i % 7 === 0 ? `李雷 ${i}` : `Person ${i}`,
    licenseType: i % 4 === 0 ? 'Guest' : 'Member',
    active: i % 11 !== 0,
    admin: i === 0,
    owner: false,
    paid: i % 4 !== 0,
    connectedAccount: i === 1,
    ...(i % 2 === 0 ? { lastActivityAt: new Date(Date.parse(T0) - i * 86_400_000).toISOString() } : {}),
    firstSeenAt: T0,
    lastSeenAt: T0,
    ...(i % 9 === 0 ? { lastActivitySource: 'sso' as const } : {}),
  }));
}
