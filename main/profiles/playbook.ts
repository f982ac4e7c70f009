/**
 * The guided playbook's progress per profile: the step the administrator is on, the steps
 * marked complete and the non-secret values entered so far. Stored on the profile record
 * (ProfileRecord.playbook) so closing and reopening the app resumes the same step.
 */
import { SECRET_LIKE_KEY, type PlaybookState } from '../../preload/contract.js';
import { AppError } from '../errors.js';
import type { DataStore } from '../store/data-store.js';
import type { ProfileService } from './service.js';

export interface PlaybookDeps {
  store: DataStore;
  profiles: ProfileService;
}

export interface PlaybookSaveInput {
  profileId: string;
  currentStep: string;
  completed?: string[] | undefined;
  draft: Record<string, unknown>;
}

export function getPlaybook(deps: PlaybookDeps, profileId: string): PlaybookState {
  const profile = deps.profiles.require(profileId);
  return copy(profile.playbook);
}

export async function savePlaybook(deps: PlaybookDeps, input: PlaybookSaveInput): Promise<PlaybookState> {
  const profile = deps.profiles.require(input.profileId);
  // The contract rejects these already; main checks again so no other caller stores a secret.
  const secretKey = Object.keys(input.draft).find((key) => SECRET_LIKE_KEY.test(key));
  if (secretKey) throw new AppError('invalid_input', `"${secretKey}" looks like a secret: the playbook draft never stores credentials.`);
  await deps.store.update((root) => {
    const p = root.profiles.find((x) => x.id === profile.id);
    if (!p) return;
    // "publish" is set by profiles:publish only; a save keeps it.
    const published = p.playbook.completed.includes('publish');
    const completed = input.completed ? [...new Set(input.completed.filter((s) => s !== 'publish'))] : p.playbook.completed.filter((s) => s !== 'publish');
    p.playbook = {
      currentStep: input.currentStep,
      completed: published ? [...completed, 'publish'] : completed,
      draft: { ...input.draft },
    };
  });
  return getPlaybook(deps, profile.id);
}

function copy(playbook: PlaybookState): PlaybookState {
  return { currentStep: playbook.currentStep, completed: [...playbook.completed], draft: { ...playbook.draft } };
}
