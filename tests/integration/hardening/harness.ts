/**
 * The hardening tests' app: a real Seatwise app on a temp data folder (secrets in memory, a
 * fixed clock) with one custom integration over the REST app simulator, published.
 */
import path from 'node:path';
import type { CustomConfigInput } from '../../../connectors/custom/config.js';
import { CUSTOM_FREE_PLANS } from '../../../connectors/custom/simulator/seed.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { MemorySecretStore } from '../../helpers/memory-secret-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** The clock of every hardening test: the simulators' organisations are seeded against it. */
export const NOW = new Date('2026-03-02T09:00:00.000Z');

export type Pagination = CustomConfigInput['users']['pagination'];
export const LINK_PAGING: Pagination = { style: 'link', sizeParam: 'limit', pageSize: 10 };
export const CURSOR_PAGING: Pagination = { style: 'cursor', cursorParam: 'cursor', nextPath: 'meta.next_cursor', sizeParam: 'limit', pageSize: 10 };

export function restConfig(pagination: Pagination): CustomConfigInput {
  return {
    users: { path: '/users', pagination, itemsPath: 'data' },
    fields: {
      id: 'id',
      email: 'profile.email',
      name: 'profile.full_name',
      licenseType: 'plan',
      active: 'status',
      activeValues: ['active'],
      lastActivity: 'last_seen_at',
      startedAt: 'created_at',
    },
    constantLicenseType: 'Member',
    paid: { freeLicenseTypes: [...CUSTOM_FREE_PLANS] },
    reclaim: { method: 'PATCH', path: '/users/{id}', body: { status: 'suspended' } },
    undo: { method: 'PATCH', path: '/users/{id}', body: { status: 'active' } },
    whoami: { path: '/me', idPath: 'id', namePath: 'name', emailPath: 'email' },
  };
}

export interface HardeningApp {
  app: SeatwiseApp;
  dataDir: string;
  profileId: string;
  close(): Promise<void>;
}

export async function customApp(options: { baseUrl: string; token: string; pagination?: Pagination }): Promise<HardeningApp> {
  const dir = tempDir('seatwise-hardening-');
  const dataDir = path.join(dir.dir, 'data');
  const app = await createApp({ dataDir, transport: 'cli', vault: new MemorySecretStore(), now: () => new Date(NOW) });
  try {
    const created = await app.profiles.create({
      name: 'Hostile app',
      vendor: 'custom',
      connection: { baseUrl: options.baseUrl, grantType: 'token', options: { custom: JSON.stringify(restConfig(options.pagination ?? LINK_PAGING)) } },
    });
    await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: options.token });
    await app.profiles.publish(created.id);
    return {
      app,
      dataDir,
      profileId: created.id,
      async close() {
        await app.close();
        dir.cleanup();
      },
    };
  } catch (error) {
    await app.close();
    dir.cleanup();
    throw error;
  }
}
