/**
 * The guided playbook's state: which step is open, which are complete, what was entered.
 *
 * Progress is saved after every step and field blur. Before the draft profile exists (steps 1
 * and 2) it lives in this window's localStorage under the vendor; once the connection step
 * creates the draft, it moves to the profile record through `playbook:save`, so closing the
 * app and opening it again resumes on the same step. The secret is never part of it.
 */
import { create } from 'zustand';
import { api, ApiCallError, errorMessage } from '../../api.js';
import { vendorKey as keyOf } from '../../lib/vendors.js';
import type { MethodOutput, VendorDescriptorDto } from '../../types.js';
import {
  connectionOf,
  draftOf,
  initialValues,
  isStep,
  nextStep,
  processesOf,
  secretKindFor,
  STEPS,
  validateConnection,
  validateDetails,
  valuesFromDraft,
  type FieldErrors,
  type FieldName,
  type PlaybookValues,
  type StepId,
} from './model.js';

export type Validation = MethodOutput<'connection:validate'>;
export type Busy = null | 'connecting' | 'validating' | 'publishing' | 'saving';

export interface ExtraOrg {
  aliasId: string;
  label: string;
  baseUrl: string;
  connectedAs: string | null;
}

export interface StepError {
  title: string;
  message: string;
}

export interface PlaybookState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | null;
  descriptor: VendorDescriptorDto | null;
  vendorKey: string | null;
  profileId: string | null;
  step: StepId;
  completed: StepId[];
  values: PlaybookValues;
  /** Typed on the connection step, sent once with connection:setSecret, then cleared. */
  secret: string;
  secretStored: boolean;
  connectedAs: string | null;
  errors: FieldErrors;
  stepError: StepError | null;
  /** A note that is not an error (a connection attempt stopped by the person). */
  stepNotice: string | null;
  validation: Validation | null;
  busy: Busy;
  /** The last save failed: shown quietly, retried with the next one. */
  saveError: string | null;
  /** Other orgs of the same vendor added on the Additional org step. */
  extraOrgs: ExtraOrg[];

  /** Opens the playbook for a new integration of a vendor ("asana", "custom:scim"). */
  openNew(vendorKey: string): Promise<void>;
  /** Opens the playbook of an existing draft. */
  openProfile(profileId: string): Promise<void>;
  setField<F extends keyof PlaybookValues>(field: F, value: PlaybookValues[F]): void;
  /** One of the vendor's connection options (GitHub's organization, Microsoft's tenant, ...). */
  setOption(key: string, value: string): void;
  setSecret(value: string): void;
  /** Field blur: save progress. */
  commit(): Promise<void>;
  goTo(step: StepId): Promise<void>;
  back(): Promise<void>;
  /** Checks the open step, marks it complete and moves on. Resolves false when it did not. */
  markComplete(): Promise<boolean>;
  /**
   * Stops waiting for a connection attempt (an unreachable server, a sign-in never finished):
   * the form is editable again at once, and a draft this attempt created is removed.
   */
  cancelConnect(): Promise<void>;
  validate(): Promise<Validation | null>;
  /** Adds another org with its own connection and credential; resolves false when it did not. */
  addOrg(input: { label: string; baseUrl: string; secret: string }): Promise<boolean>;
  /** Publishes; resolves to the profile id on success. */
  publish(): Promise<string | null>;
  reset(): void;
}

const LOCAL_PREFIX = 'seatwise.playbook.new.';

interface LocalDraft {
  step: StepId;
  completed: StepId[];
  values: Record<string, unknown>;
}

function readLocal(vendorKey: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(LOCAL_PREFIX + vendorKey);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LocalDraft>;
    return {
      step: isStep(parsed.step) ? parsed.step : 'register',
      completed: Array.isArray(parsed.completed) ? parsed.completed.filter(isStep) : [],
      values: parsed.values && typeof parsed.values === 'object' ? parsed.values : {},
    };
  } catch {
    return null;
  }
}

function writeLocal(vendorKey: string, draft: LocalDraft | null): void {
  try {
    if (draft) window.localStorage.setItem(LOCAL_PREFIX + vendorKey, JSON.stringify(draft));
    else window.localStorage.removeItem(LOCAL_PREFIX + vendorKey);
  } catch {
    // Storage full or disabled: progress is then kept for this session only.
  }
}

const blank = {
  status: 'idle' as const,
  loadError: null,
  descriptor: null,
  vendorKey: null,
  profileId: null,
  step: 'register' as StepId,
  completed: [] as StepId[],
  secret: '',
  secretStored: false,
  connectedAs: null,
  errors: {},
  stepError: null,
  stepNotice: null,
  validation: null,
  busy: null as Busy,
  saveError: null,
  extraOrgs: [] as ExtraOrg[],
};

const placeholderValues: PlaybookValues = {
  name: '',
  activityEnabled: true,
  activityFrom: '',
  reclaimEnabled: true,
  baseUrl: '',
  grantType: '',
  clientId: '',
  scopes: '',
  options: {},
  redirectPort: 47_821,
};

let vendorsCache: VendorDescriptorDto[] | null = null;
async function vendors(): Promise<VendorDescriptorDto[]> {
  vendorsCache ??= await api.call('vendors:list', {});
  return vendorsCache;
}

/** Where a connection failure belongs: the credential, or the URL. */
function fieldForFailure(message: string): FieldName {
  return /\b(401|403)\b|unauthori[sz]ed|forbidden|invalid (token|credential|api key)|not authori[sz]ed|credential|token/i.test(message) ? 'secret' : 'baseUrl';
}

function orgOf(view: { aliasId: string; label: string; baseUrl: string; connectedAs?: string | undefined }): ExtraOrg {
  return { aliasId: view.aliasId, label: view.label, baseUrl: view.baseUrl, connectedAs: view.connectedAs ?? null };
}

/**
 * The connection attempt in flight: its number, and the draft it created with the secret
 * typed for it, so that Cancel can undo it. An attempt whose number is no longer current was
 * cancelled: what it still receives is ignored.
 */
let attemptSeq = 0;
let inFlight: { attempt: number; createdDraft: string | null; secret: string } | null = null;

export const usePlaybookStore = create<PlaybookState>()((set, get) => {
  async function save(): Promise<void> {
    const state = get();
    if (!state.vendorKey) return;
    if (!state.profileId) {
      writeLocal(state.vendorKey, { step: state.step, completed: state.completed, values: draftOf(state.values) });
      return;
    }
    try {
      await api.call('playbook:save', { profileId: state.profileId, currentStep: state.step, completed: state.completed, draft: draftOf(state.values) });
      if (get().saveError) set({ saveError: null });
    } catch (error) {
      set({ saveError: errorMessage(error) });
    }
  }

  function complete(step: StepId): StepId[] {
    const done = new Set([...get().completed, step]);
    return STEPS.filter((s) => done.has(s));
  }

  async function advance(from: StepId): Promise<void> {
    set({ completed: complete(from), step: nextStep(from) ?? from, errors: {}, stepError: null, stepNotice: null });
    await save();
  }

  /** Creates the draft profile (or brings it up to date) and stores the secret, then tests it. */
  async function connect(): Promise<boolean> {
    const state = get();
    const descriptor = state.descriptor;
    if (!descriptor) return false;
    const errors = {
      ...validateDetails(state.values),
      ...validateConnection(state.values, {
        vendor: descriptor.vendor,
        authMethods: descriptor.authMethods,
        secret: state.secret,
        secretStored: state.secretStored,
        connectionOptions: descriptor.connectionOptions,
      }),
    };
    const connectionErrors: FieldErrors = { ...errors };
    delete connectionErrors.name;
    delete connectionErrors.activityFrom;
    if (Object.keys(errors).length > 0) {
      // The banner of an earlier attempt goes: what is wrong now is beside its field (or, for
      // the details step, in a banner of its own).
      set({
        errors: connectionErrors,
        stepNotice: null,
        stepError: errors.name || errors.activityFrom ? { title: 'Profile details are incomplete', message: errors.name ?? errors.activityFrom ?? '' } : null,
      });
      return false;
    }
    const attempt = ++attemptSeq;
    const current = () => attempt === attemptSeq;
    inFlight = { attempt, createdDraft: null, secret: state.secret.trim() };
    set({ busy: 'connecting', errors: {}, stepError: null, stepNotice: null, validation: null });
    const values = state.values;
    const connection = connectionOf(values, descriptor);
    let profileId = state.profileId;
    try {
      if (profileId) {
        try {
          await api.call('profiles:update', { profileId, name: values.name.trim(), connection, processes: processesOf(values) });
        } catch (error) {
          if (!(error instanceof ApiCallError && error.code === 'not_found')) throw error;
          profileId = null;
        }
      }
      if (!profileId) {
        const created = await api.call('profiles:create', {
          name: values.name.trim(),
          vendor: descriptor.vendor,
          ...(descriptor.preset === 'scim' ? { preset: 'scim' as const } : {}),
          connection,
          processes: processesOf(values),
        });
        profileId = created.id;
        if (!current()) {
          // Cancelled while the draft was being made: it goes again at once.
          await api.call('profiles:remove', { profileId }).catch(() => undefined);
          return false;
        }
        if (inFlight?.attempt === attempt) inFlight.createdDraft = profileId;
        writeLocal(state.vendorKey ?? '', null);
        set({ profileId, secretStored: false });
      }
    } catch (error) {
      if (!current()) return false;
      const message = errorMessage(error);
      const field: FieldName = /name/i.test(message) && !/url/i.test(message) ? 'name' : 'baseUrl';
      set({
        busy: null,
        stepError: { title: 'Seatwise could not save the connection', message },
        errors: field === 'baseUrl' ? { baseUrl: message } : {},
      });
      return false;
    }

    const secret = get().secret.trim();
    const createdNow = profileId !== state.profileId;
    /**
     * A first attempt that does not connect leaves nothing behind: the draft it created goes
     * again, with the credential it stored (profiles:remove clears the keychain too). What was
     * typed stays in the form, the secret in memory only, so a retry needs no retyping.
     */
    const fail = async (patch: Partial<PlaybookState>): Promise<false> => {
      // A cancelled attempt was undone by cancelConnect; a late answer changes nothing.
      if (!current()) return false;
      inFlight = null;
      if (createdNow && profileId) {
        await api.call('profiles:remove', { profileId }).catch(() => undefined);
        set({ profileId: null, secretStored: false, secret });
      }
      set({ busy: null, ...patch });
      await save();
      return false;
    };
    if (values.grantType === 'authorization_code') {
      // The loopback sign-in: main opens the browser, waits for the callback and stores the
      // token. The client secret is kept only when the sign-in succeeds.
      try {
        const detail = await api.call('connection:authorize', { profileId, ...(secret ? { clientSecret: secret } : {}) });
        if (!current()) return false;
        inFlight = null;
        set({ busy: null, secret: '', secretStored: detail.connection.hasSecret, connectedAs: detail.connection.connectedAs ?? null });
        await save();
        return true;
      } catch (error) {
        return fail({ stepError: { title: 'The sign-in did not finish', message: errorMessage(error) } });
      }
    }
    if (secret !== '' && values.grantType) {
      try {
        await api.call('connection:setSecret', { profileId, kind: secretKindFor(values.grantType), value: secret });
        if (!current()) return false;
        set({ secretStored: true, secret: '' });
      } catch (error) {
        return fail({ stepError: { title: 'The credential could not be stored in the keychain', message: errorMessage(error) } });
      }
    }

    try {
      const result = await api.call('connection:validate', { profileId });
      if (!current()) return false;
      const download = result.results.find((r) => r.process === 'download');
      set({ validation: result, connectedAs: result.connectedAs ?? null });
      if (!download?.ok) {
        const message = download?.message ?? 'The vendor gave no answer.';
        return fail({ stepError: { title: 'Seatwise could not connect with these settings', message }, errors: { [fieldForFailure(message)]: message } });
      }
    } catch (error) {
      const message = errorMessage(error);
      return fail({ stepError: { title: 'Seatwise could not connect with these settings', message }, errors: { baseUrl: message } });
    }
    if (!current()) return false;
    inFlight = null;
    set({ busy: null });
    return true;
  }

  return {
    ...blank,
    values: placeholderValues,

    async openNew(vendorKey) {
      const current = get();
      if (current.vendorKey === vendorKey && !current.profileId && current.status === 'ready') return;
      set({ ...blank, values: placeholderValues, vendorKey, status: 'loading' });
      try {
        const list = await vendors();
        const descriptor = list.find((d) => keyOf(d.vendor, d.preset) === vendorKey) ?? null;
        if (!descriptor) {
          set({ status: 'error', loadError: `Seatwise does not connect to “${vendorKey}”.` });
          return;
        }
        const local = readLocal(vendorKey);
        set({
          status: 'ready',
          descriptor,
          step: local?.step ?? 'register',
          completed: local?.completed ?? [],
          values: valuesFromDraft(initialValues(descriptor), local?.values ?? {}),
        });
      } catch (error) {
        set({ status: 'error', loadError: errorMessage(error) });
      }
    },

    async openProfile(profileId) {
      const current = get();
      if (current.profileId === profileId && current.status === 'ready') return;
      set({ ...blank, values: placeholderValues, profileId, status: 'loading' });
      try {
        const [list, profile, playbook] = await Promise.all([
          vendors(),
          api.call('profiles:get', { profileId }),
          api.call('playbook:get', { profileId }),
        ]);
        const descriptor = list.find((d) => d.vendor === profile.vendor && (d.preset ?? undefined) === (profile.preset ?? undefined)) ?? null;
        if (!descriptor) {
          set({ status: 'error', loadError: `Seatwise has no playbook for ${profile.vendor}.` });
          return;
        }
        const fromProfile: Partial<PlaybookValues> = {
          name: profile.name,
          activityEnabled: profile.processes.activity.enabled,
          reclaimEnabled: profile.processes.reclaim.enabled,
          baseUrl: profile.connection.baseUrl,
          grantType: profile.connection.grantType,
          clientId: profile.connection.clientId ?? '',
          options: Object.fromEntries((descriptor.connectionOptions ?? []).map((o) => [o.key, profile.connection.options[o.key] ?? ''])),
        };
        const values = valuesFromDraft({ ...initialValues(descriptor), ...fromProfile }, playbook.draft);
        set({
          status: 'ready',
          descriptor,
          vendorKey: keyOf(descriptor.vendor, descriptor.preset),
          step: isStep(playbook.currentStep) ? playbook.currentStep : 'register',
          completed: playbook.completed.filter(isStep),
          values,
          secretStored: profile.connection.hasSecret,
          connectedAs: profile.connection.connectedAs ?? null,
          extraOrgs: profile.extraOrgs.map(orgOf),
        });
      } catch (error) {
        set({ status: 'error', loadError: errorMessage(error) });
      }
    },

    setField(field, value) {
      set((state) => {
        const errors = { ...state.errors };
        delete errors[field];
        return { values: { ...state.values, [field]: value }, errors };
      });
    },

    setOption(key, value) {
      set((state) => {
        const errors = { ...state.errors };
        delete errors[`option:${key}`];
        return { values: { ...state.values, options: { ...state.values.options, [key]: value } }, errors };
      });
    },

    setSecret(value) {
      set((state) => {
        const errors = { ...state.errors };
        delete errors.secret;
        return { secret: value, errors };
      });
    },

    commit: save,

    async goTo(step) {
      if (get().busy) return;
      set({ step, errors: {}, stepError: null, stepNotice: null });
      await save();
    },

    async back() {
      const index = STEPS.indexOf(get().step);
      const previous = STEPS[index - 1];
      if (previous) await get().goTo(previous);
    },

    async markComplete() {
      const state = get();
      if (state.busy) return false;
      switch (state.step) {
        case 'register':
        case 'org':
          await advance(state.step);
          return true;
        case 'details': {
          const errors = validateDetails(state.values);
          if (Object.keys(errors).length > 0) {
            set({ errors });
            return false;
          }
          if (state.profileId) {
            set({ busy: 'saving' });
            try {
              await api.call('profiles:update', { profileId: state.profileId, name: state.values.name.trim(), processes: processesOf(state.values) });
            } catch (error) {
              const message = errorMessage(error);
              set({ busy: null, errors: /name/i.test(message) ? { name: message } : {}, stepError: { title: 'The details could not be saved', message } });
              return false;
            }
            set({ busy: null });
          }
          await advance('details');
          return true;
        }
        case 'connection': {
          const ok = await connect();
          if (ok) await advance('connection');
          return ok;
        }
        case 'review':
          return (await get().publish()) !== null;
      }
    },

    async cancelConnect() {
      const attempt = inFlight;
      if (get().busy !== 'connecting' || !attempt) return;
      attemptSeq++;
      inFlight = null;
      const draft = attempt.createdDraft;
      set({
        busy: null,
        stepError: null,
        stepNotice: draft
          ? 'The draft this attempt made was removed with its credential. Change the settings and connect again.'
          : 'Nothing was kept. Change the settings and connect again.',
        // What was typed stays, so a retry needs no retyping; the secret in memory only.
        ...(draft ? { profileId: null, secretStored: false, secret: attempt.secret } : {}),
      });
      // Removing the draft also stops main's own check of it (profiles:remove aborts it).
      if (draft) await api.call('profiles:remove', { profileId: draft }).catch(() => undefined);
      await save();
    },

    async validate() {
      const { profileId } = get();
      if (!profileId || get().busy) return null;
      set({ busy: 'validating', stepError: null });
      try {
        const result = await api.call('connection:validate', { profileId });
        set({ validation: result, connectedAs: result.connectedAs ?? get().connectedAs, busy: null });
        return result;
      } catch (error) {
        set({ busy: null, stepError: { title: 'Validation could not run', message: errorMessage(error) } });
        return null;
      }
    },

    async addOrg({ label, baseUrl, secret }) {
      const state = get();
      const { profileId, descriptor } = state;
      if (!profileId || !descriptor || state.busy) return false;
      const errors: FieldErrors = {};
      if (label.trim() === '') errors.orgLabel = 'Give the org a label, for example “EMEA”.';
      const urlErrors = validateConnection({ ...state.values, baseUrl }, { vendor: descriptor.vendor, authMethods: descriptor.authMethods, secret, secretStored: false });
      if (urlErrors.baseUrl) errors.orgBaseUrl = urlErrors.baseUrl;
      if (urlErrors.secret) errors.orgSecret = urlErrors.secret;
      if (Object.keys(errors).length > 0) {
        set({ errors });
        return false;
      }
      set({ busy: 'saving', errors: {}, stepError: null });
      try {
        const connection = { ...connectionOf(state.values, descriptor), baseUrl: baseUrl.trim() };
        delete connection.options;
        const detail = await api.call('connection:addOrg', { profileId, label: label.trim(), connection });
        const added = detail.extraOrgs.find((o) => o.label === label.trim()) ?? detail.extraOrgs[detail.extraOrgs.length - 1];
        if (added && secret.trim() !== '' && state.values.grantType) {
          await api.call('connection:setSecret', { profileId, aliasId: added.aliasId, kind: secretKindFor(state.values.grantType), value: secret.trim() });
        }
        set({ busy: null, extraOrgs: detail.extraOrgs.map(orgOf) });
        return true;
      } catch (error) {
        set({ busy: null, stepError: { title: 'The org could not be added', message: errorMessage(error) } });
        return false;
      }
    },

    async publish() {
      const { profileId } = get();
      if (!profileId) {
        set({ stepError: { title: 'The connection is not set up yet', message: 'Complete the Connection and credential step first: it creates the integration as a draft.' } });
        return null;
      }
      if (get().busy) return null;
      set({ busy: 'publishing', stepError: null });
      try {
        await api.call('profiles:publish', { profileId });
      } catch (error) {
        set({ busy: null, stepError: { title: 'Publishing failed', message: errorMessage(error) } });
        return null;
      }
      set({ busy: null, completed: STEPS.slice() });
      return profileId;
    },

    reset() {
      vendorsCache = null;
      attemptSeq++;
      inFlight = null;
      set({ ...blank, values: placeholderValues });
    },
  };
});
