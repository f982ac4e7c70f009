/** The sync's catalog update around resolved identifiers: no duplicate model, the mapped rule kept. */
import { describe, expect, it } from 'vitest';
import type { ConnectorDescriptor } from '../../../connectors/types.js';
import type { SubscriptionRecord } from '../../../main/reclamation/types.js';
import { emptyRoot, type RootData } from '../../../main/store/schema.js';
import { updateCatalog } from '../../../main/sync/catalog.js';

const NOW = new Date('2026-11-20T06:00:00Z');
const descriptor = (known: string[]): ConnectorDescriptor => ({ publisher: 'Calendly LLC', product: 'Calendly', knownLicenseTypes: known }) as ConnectorDescriptor;

function seats(types: string[]): SubscriptionRecord[] {
  return types.map((licenseType, i) => ({
    id: `s${i}`,
    profileId: 'p1',
    orgId: 'o1',
    userId: `u${i}`,
    email: `u${i}@example.com`,
    name: `User ${i}`,
    licenseType,
    active: true,
    admin: false,
    owner: false,
    paid: true,
    connectedAccount: false,
    firstSeenAt: NOW.toISOString(),
    lastSeenAt: NOW.toISOString(),
  }));
}

function synced(): RootData {
  const root = emptyRoot();
  updateCatalog(root, 'p1', descriptor(['User']), seats(['User', 'User', 'Manager']), NOW);
  return root;
}

describe('updateCatalog and unrecognized identifiers', () => {
  it('makes a model and rule for known types and an identifier for the rest', () => {
    const root = synced();
    expect(root.models.map((m) => m.licenseType)).toEqual(['User']);
    expect(root.unrecognized).toEqual([{ profileId: 'p1', licenseType: 'Manager', seats: 1, firstSeenAt: NOW.toISOString() }]);
    expect(root.rules.map((r) => r.licenseType)).toEqual(['User']);
  });

  it('adds no model for a resolved identifier, even once the connector knows its type', () => {
    const root = synced();
    root.unrecognized[0]!.resolution = { kind: 'excluded' };
    updateCatalog(root, 'p1', descriptor(['User', 'Manager']), seats(['User', 'Manager', 'Manager']), NOW);
    expect(root.models.map((m) => m.licenseType)).toEqual(['User']);
    expect(root.unrecognized[0]).toMatchObject({ licenseType: 'Manager', seats: 2, resolution: { kind: 'excluded' } });
  });

  it('turns an unresolved identifier the connector now knows into a model', () => {
    const root = synced();
    updateCatalog(root, 'p1', descriptor(['User', 'Manager']), seats(['User', 'Manager']), NOW);
    expect(root.models.map((m) => m.licenseType)).toEqual(['User', 'Manager']);
    expect(root.unrecognized).toEqual([]);
  });

  it('puts back the copied rule of a mapped identifier when it has gone missing', () => {
    const root = synced();
    const model = root.models[0]!;
    root.unrecognized[0]!.resolution = { kind: 'mapped', modelId: model.id };
    updateCatalog(root, 'p1', descriptor(['User']), seats(['User', 'Manager']), NOW);
    const copy = root.rules.find((r) => r.licenseType === 'Manager');
    expect(copy).toMatchObject({ profileId: 'p1', modelId: model.id, name: `${root.rules[0]!.name} (Manager)`, thresholdDays: root.rules[0]!.thresholdDays });
    updateCatalog(root, 'p1', descriptor(['User']), seats(['User', 'Manager']), NOW);
    expect(root.rules.filter((r) => r.licenseType === 'Manager')).toHaveLength(1);
    expect(root.models).toHaveLength(1);
  });
});
