/**
 * The contract's data types for the renderer. Types only: `import type` keeps every zod
 * schema (and zod itself) out of the renderer bundle.
 */
import type { EventPayload, MethodOutput } from '../../preload/contract.js';

export type {
  ApiError,
  ConnectionView,
  DirectoryPersonView,
  DirectorySourceView,
  DirectoryStatusView,
  EventName,
  EventPayload,
  JobResult,
  MethodInput,
  MethodName,
  MethodOutput,
  ProfileDetail,
  ProfileSummary,
  ScheduleInput,
  ScheduleView,
  SubscriptionRow,
  SyncProgressEvent,
  VendorDescriptorDto,
} from '../../preload/contract.js';

export type AppInfo = MethodOutput<'app:info'>;
export type Vendor = MethodOutput<'profiles:list'>[number]['vendor'];
export type ProfileHealth = MethodOutput<'profiles:list'>[number]['health'];
export type GrantType = MethodOutput<'vendors:list'>[number]['authMethods'][number];
export type JobState = MethodOutput<'jobs:list'>[number]['state'];
export type JobTrigger = MethodOutput<'jobs:list'>[number]['trigger'];
export type SyncPhase = EventPayload<'sync:progress'>['phase'];
