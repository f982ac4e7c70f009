import type { Command } from '../command.js';
import { auditCommand } from './audit.js';
import { candidatesCommand } from './candidates.js';
import { entitlementsCommand } from './entitlements.js';
import { exclusionsCommand } from './exclusions.js';
import { jobsCommand } from './jobs.js';
import { noticesCommand } from './notices.js';
import { reclaimCommand, undoCommand } from './reclaim.js';
import { rulesCommand } from './rules.js';
import { scheduleCommand } from './schedule.js';
import { connectCommand, disconnectCommand } from './connect.js';
import { demoCommand } from './demo.js';
import { simulatorsCommand } from './simulators.js';
import { reconciliationCommand } from './reconciliation.js';
import { directoryCommand } from './directory.js';
import { importCommand, migrateCommand, secretsCommand } from './database.js';

/** Commands beyond profiles/sync/serve, each in its own file. */
export const extraCommands: Command[] = [connectCommand, disconnectCommand, demoCommand, simulatorsCommand,
  // Reclamation, then the listings.
  rulesCommand, exclusionsCommand, entitlementsCommand, candidatesCommand, noticesCommand, reclaimCommand, undoCommand, reconciliationCommand, jobsCommand, auditCommand, scheduleCommand, directoryCommand,
  // A team server's database.
  migrateCommand, importCommand, secretsCommand];
