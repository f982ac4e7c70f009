/**
 * The services the contract's handlers call, built by the composition root (main/app.ts).
 * Handlers only call these; they hold no logic of their own.
 */
import type { MethodOutput } from '../../../preload/contract.js';
import type { AuditService } from '../../audit/service.js';
import type { CatalogService } from '../../catalog/service.js';
import type { DirectoryService } from '../../directory/service.js';
import type { SsoLinkService } from '../../directory/sso-links.js';
import type { ConnectionService } from '../../profiles/connection-service.js';
import type { ProfileLifecycle } from '../../profiles/lifecycle.js';
import type { PlaybookDeps } from '../../profiles/playbook.js';
import type { ScheduleDeps } from '../../profiles/schedule.js';
import type { ProfileService } from '../../profiles/service.js';
import type { ReclamationService } from '../../reclamation/service.js';
import type { RoleService } from '../../settings/roles.js';
import type { SettingsService } from '../../settings/service.js';
import type { SubscriptionsService } from '../../subscriptions/service.js';
import type { SyncService } from '../../sync/sync-service.js';

export interface Services {
  /** How a run started by hand is recorded: from the CLI or from the window / browser host. */
  manualTrigger: 'manual' | 'cli';
  info: () => MethodOutput<'app:info'>;
  profiles: ProfileService;
  lifecycle: ProfileLifecycle;
  connections: ConnectionService;
  sync: SyncService;
  subscriptions: SubscriptionsService;
  reclamation: ReclamationService;
  catalog: CatalogService;
  directory: DirectoryService;
  ssoLinks: SsoLinkService;
  audit: AuditService;
  settings: SettingsService;
  roles: RoleService;
  playbook: PlaybookDeps;
  schedule: ScheduleDeps;
}
