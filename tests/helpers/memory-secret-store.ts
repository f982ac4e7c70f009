import type { SecretStore } from '../../main/vault/secret-store.js';

/** Secrets held in memory: for tests about something other than the keychain. */
export class MemorySecretStore implements SecretStore {
  private readonly map = new Map<string, string>();
  async get(account: string): Promise<string | null> {
    return this.map.get(account) ?? null;
  }
  async set(account: string, secret: string): Promise<void> {
    this.map.set(account, secret);
  }
  async delete(account: string): Promise<boolean> {
    return this.map.delete(account);
  }
  async list(): Promise<string[]> {
    return [...this.map.keys()];
  }
}
