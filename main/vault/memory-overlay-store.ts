import type { SecretStore } from './secret-store.js';
import { rememberSecret } from './redact.js';

/**
 * The demo's simulator tokens are not real credentials, and the demo must work on a box
 * with no keychain. Every secret of a demo connection is held in memory only, for this
 * run; every other secret goes to the real keychain underneath. Nothing touches a file.
 */
export class MemoryOverlaySecretStore implements SecretStore {
  private readonly held = new Map<string, string>();
  private readonly memoryAliases = new Set<string>();

  constructor(private readonly inner: SecretStore) {}

  /** All secrets of this alias (accounts `<aliasId>:<kind>`) stay in memory. */
  keepAliasInMemory(aliasId: string): void {
    this.memoryAliases.add(aliasId);
  }

  private inMemory(account: string): boolean {
    return this.memoryAliases.has(account.split(':')[0] ?? '');
  }

  async get(account: string): Promise<string | null> {
    return this.inMemory(account) ? (this.held.get(account) ?? null) : this.inner.get(account);
  }

  async set(account: string, secret: string): Promise<void> {
    if (!this.inMemory(account)) return this.inner.set(account, secret);
    rememberSecret(secret);
    this.held.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.inMemory(account) ? this.held.delete(account) : this.inner.delete(account);
  }

  async list(): Promise<string[]> {
    let stored: string[] = [];
    try {
      stored = await this.inner.list();
    } catch {
      // No keychain on this box: the demo still lists its in-memory accounts.
    }
    return [...new Set([...this.held.keys(), ...stored])];
  }
}
