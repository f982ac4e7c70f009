/**
 * The new integration flow: the vendor descriptors for the picker, then one form that
 * creates the profile, stores its credential in the keychain and publishes it.
 *
 * A failure at any step keeps everything typed. The created draft is remembered, so trying
 * again updates that draft instead of creating a second one, and a secret already stored is
 * not asked for again (the field then offers to replace it).
 */
import { create } from 'zustand';
import { api, ApiCallError, errorMessage } from '../../api.js';
import { secretKindFor, vendorKey } from '../../lib/vendors.js';
import type { MethodInput, VendorDescriptorDto } from '../../types.js';
import { usesOAuthClient, validateIntegration, type FieldErrors, type FieldName, type IntegrationFormValues } from './validation.js';

export type SubmitPhase = 'idle' | 'creating' | 'storing-secret' | 'publishing';

export interface ServerError {
  title: string;
  message: string;
  /** The draft exists: the integration was created but not published. */
  draftSaved: boolean;
}

export interface NewIntegrationState {
  vendorsStatus: 'idle' | 'loading' | 'ready' | 'error';
  vendors: VendorDescriptorDto[];
  vendorsError: string | null;
  /** The picker entry the form is for ("asana", "custom:scim"). */
  vendorKey: string | null;
  values: IntegrationFormValues;
  fieldErrors: FieldErrors;
  serverError: ServerError | null;
  phase: SubmitPhase;
  /** The draft created by an earlier attempt. */
  profileId: string | null;
  secretStored: boolean;

  loadVendors(): Promise<void>;
  /** Opens the form for a vendor; keeps what was typed if it is the same vendor. */
  begin(key: string): void;
  setField<F extends FieldName>(field: F, value: IntegrationFormValues[F]): void;
  /** Runs create → store secret → publish. Resolves to the profile id on success, or null. */
  submit(): Promise<string | null>;
  reset(): void;
}

const emptyValues: IntegrationFormValues = { name: '', baseUrl: '', grantType: '', clientId: '', secret: '', workspace: '' };

const initialForm = {
  vendorKey: null,
  values: emptyValues,
  fieldErrors: {},
  serverError: null,
  phase: 'idle' as SubmitPhase,
  profileId: null,
  secretStored: false,
};

export function descriptorFor(vendors: VendorDescriptorDto[], key: string | null): VendorDescriptorDto | undefined {
  if (!key) return undefined;
  return vendors.find((descriptor) => vendorKey(descriptor.vendor, descriptor.preset) === key);
}

function initialValues(descriptor: VendorDescriptorDto): IntegrationFormValues {
  return {
    ...emptyValues,
    baseUrl: descriptor.defaults.baseUrl,
    grantType: descriptor.authMethods[0] ?? '',
  };
}

function connectionOf(values: IntegrationFormValues, descriptor: VendorDescriptorDto): MethodInput<'profiles:create'>['connection'] {
  const grantType = values.grantType || descriptor.authMethods[0] || 'token';
  const oauth = usesOAuthClient(grantType);
  const options: Record<string, string> = {};
  if (descriptor.vendor === 'asana' && values.workspace.trim() !== '') options.workspace = values.workspace.trim();
  return {
    baseUrl: values.baseUrl.trim(),
    grantType,
    ...(oauth && values.clientId.trim() ? { clientId: values.clientId.trim() } : {}),
    ...(oauth && descriptor.defaults.authorizeUrl ? { authorizeUrl: descriptor.defaults.authorizeUrl } : {}),
    ...(oauth && descriptor.defaults.tokenUrl ? { tokenUrl: descriptor.defaults.tokenUrl } : {}),
    ...(oauth && descriptor.defaults.revokeUrl ? { revokeUrl: descriptor.defaults.revokeUrl } : {}),
    ...(oauth && descriptor.defaults.scopes?.length ? { scopes: descriptor.defaults.scopes } : {}),
    ...(Object.keys(options).length > 0 ? { options } : {}),
  };
}

export const useNewIntegrationStore = create<NewIntegrationState>()((set, get) => ({
  vendorsStatus: 'idle',
  vendors: [],
  vendorsError: null,
  ...initialForm,

  async loadVendors() {
    if (get().vendorsStatus === 'loading') return;
    set({ vendorsStatus: 'loading', vendorsError: null });
    try {
      const vendors = await api.call('vendors:list', {});
      set({ vendors, vendorsStatus: 'ready' });
      const key = get().vendorKey;
      // The form was opened from a link before the descriptors arrived: fill its defaults now.
      if (key && get().values === emptyValues) {
        const descriptor = descriptorFor(vendors, key);
        if (descriptor) set({ values: initialValues(descriptor) });
      }
    } catch (error) {
      set({ vendorsStatus: 'error', vendorsError: errorMessage(error) });
    }
  },

  begin(key) {
    if (get().vendorKey === key) return;
    const descriptor = descriptorFor(get().vendors, key);
    set({ ...initialForm, vendorKey: key, values: descriptor ? initialValues(descriptor) : emptyValues });
  },

  setField(field, value) {
    set((state) => {
      const fieldErrors = { ...state.fieldErrors };
      delete fieldErrors[field];
      return { values: { ...state.values, [field]: value }, fieldErrors };
    });
  },

  async submit() {
    const state = get();
    if (state.phase !== 'idle') return null;
    const descriptor = descriptorFor(state.vendors, state.vendorKey);
    if (!descriptor) {
      set({ serverError: { title: 'Choose an application first', message: 'Pick the application to connect, then fill in the form.', draftSaved: false } });
      return null;
    }
    const errors = validateIntegration(state.values, {
      vendor: descriptor.vendor,
      authMethods: descriptor.authMethods,
      secretStored: state.secretStored,
    });
    if (Object.keys(errors).length > 0) {
      set({ fieldErrors: errors, serverError: null });
      return null;
    }
    set({ fieldErrors: {}, serverError: null });

    const values = state.values;
    const connection = connectionOf(values, descriptor);
    let profileId = state.profileId;

    // 1. Create the draft (or bring the one from an earlier attempt up to date).
    set({ phase: 'creating' });
    try {
      if (profileId) {
        try {
          await api.call('profiles:update', { profileId, name: values.name.trim(), connection });
        } catch (error) {
          if (!(error instanceof ApiCallError && error.code === 'not_found')) throw error;
          profileId = null; // the draft is gone: start over
        }
      }
      if (!profileId) {
        const created = await api.call('profiles:create', {
          name: values.name.trim(),
          vendor: descriptor.vendor,
          ...(descriptor.preset === 'scim' ? { preset: 'scim' as const } : {}),
          connection,
        });
        profileId = created.id;
        set({ profileId, secretStored: false });
      }
    } catch (error) {
      set({ phase: 'idle', serverError: { title: 'Seatwise could not create the integration', message: errorMessage(error), draftSaved: false } });
      return null;
    }

    // 2. The credential goes to the OS keychain, once; the field is cleared right after.
    if (values.secret.trim() !== '' && values.grantType) {
      set({ phase: 'storing-secret' });
      try {
        await api.call('connection:setSecret', { profileId, kind: secretKindFor(values.grantType), value: values.secret.trim() });
        set((current) => ({ secretStored: true, values: { ...current.values, secret: '' } }));
      } catch (error) {
        set({ phase: 'idle', serverError: { title: 'The credential could not be stored in the keychain', message: errorMessage(error), draftSaved: true } });
        return null;
      }
    }

    // 3. Publish: main validates the connection and starts the first download.
    set({ phase: 'publishing' });
    try {
      await api.call('profiles:publish', { profileId });
    } catch (error) {
      set({ phase: 'idle', serverError: { title: 'Publishing failed', message: errorMessage(error), draftSaved: true } });
      return null;
    }
    set({ ...initialForm });
    return profileId;
  },

  reset() {
    set({ ...initialForm });
  },
}));
