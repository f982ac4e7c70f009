/**
 * `directory.json`: the people each directory source knows (an identity provider profile,
 * an HR roster), as last read. Checked whole when read, like every data file.
 */
import { z } from 'zod';
import { problemOf } from './data-schemas.js';
import { isObject } from './json-file.js';

export const DIRECTORY_STATUSES = ['active', 'suspended', 'deprovisioned'] as const;
export type DirectoryStatusName = (typeof DIRECTORY_STATUSES)[number];

export interface StoredPerson {
  email: string;
  name: string;
  status: DirectoryStatusName;
  /** Last sign-in to the identity provider itself. */
  lastLoginAt?: string;
  /** When the status last changed, where the source says (Okta statusChanged). */
  statusChangedAt?: string;
  /** An HR roster's last day of employment (YYYY-MM-DD). */
  endDate?: string;
}

export interface DirectorySourceRecord {
  /** `profile:<profileId>` for an identity provider profile, `roster:<slug>` for an HR roster. */
  id: string;
  kind: 'idp' | 'roster';
  /** What the admin calls it: the profile's name, or the roster's name. */
  name: string;
  /** "Okta", "Microsoft Entra ID", "HR roster": said in why-lines. */
  vendorName: string;
  profileId?: string;
  /** When the people were read (the sync, the import). */
  readAt: string;
  /** The roster's file, as imported. */
  file?: string;
  people: StoredPerson[];
}

export interface DirectoryFile {
  sources: DirectorySourceRecord[];
}

const personSchema = z.looseObject({
  email: z.string(),
  name: z.string(),
  status: z.enum(DIRECTORY_STATUSES),
  lastLoginAt: z.string().optional(),
  statusChangedAt: z.string().optional(),
  endDate: z.string().optional(),
});

const sourceSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(['idp', 'roster']),
  name: z.string(),
  vendorName: z.string(),
  profileId: z.string().optional(),
  readAt: z.string(),
  file: z.string().optional(),
  people: z.array(personSchema),
});

const directoryFileSchema = z.looseObject({ sources: z.array(sourceSchema) });

export function checkDirectoryFile(value: unknown): string | undefined {
  if (!isObject(value)) return 'its top level is not an object';
  return problemOf(directoryFileSchema, value);
}
