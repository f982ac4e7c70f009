import { describe, expect, it } from 'vitest';
import { methods } from '../../../preload/contract.js';

const save = methods['playbook:save'].input;

describe('playbook contract', () => {
  it('accepts a step, completed steps and non-secret values', () => {
    const parsed = save.safeParse({ profileId: 'p1', currentStep: 'connection', completed: ['register', 'details'], draft: { name: 'Asana', reclaimEnabled: true, redirectPort: 47821 } });
    expect(parsed.success).toBe(true);
  });

  it.each(['secret', 'token', 'clientSecret', 'apiKey', 'api_key', 'password', 'accessToken'])('rejects a draft key that looks like a secret: %s', (key) => {
    const parsed = save.safeParse({ profileId: 'p1', currentStep: 'connection', draft: { [key]: 'x' } });
    expect(parsed.success).toBe(false);
  });

  it('rejects an unknown step', () => {
    expect(save.safeParse({ profileId: 'p1', currentStep: 'nowhere', draft: {} }).success).toBe(false);
  });
});
