/**
 * A real keychain for the auth tests: keytar on the Secret Service that
 * `scripts/with-keyring.sh` starts (gnome-keyring on a private D-Bus session), under a
 * service name of its own so nothing touches "Seatwise" entries.
 */
import { randomUUID } from 'node:crypto';
import { KeytarSecretStore } from '../../../main/vault/keytar-store.js';

export interface TestKeychain {
  service: string;
  vault: KeytarSecretStore;
  /** Deletes every entry this test service holds. */
  cleanup(): Promise<void>;
}

export function testKeychain(): TestKeychain {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('These tests need a Secret Service: run them as scripts/with-keyring.sh npx vitest run ...');
  }
  const service = `Seatwise-test-${randomUUID()}`;
  const vault = new KeytarSecretStore(service);
  return {
    service,
    vault,
    async cleanup() {
      for (const account of await vault.list()) await vault.delete(account);
    },
  };
}
