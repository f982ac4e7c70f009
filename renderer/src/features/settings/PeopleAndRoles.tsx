/**
 * Settings on a team server: who is signed in with which roles, and for an admin the roles given
 * to people here, beside those the sign-in provider's claim carries. Everyone signed in may read
 * and export; the other roles are not a ladder.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { signOut } from '../../api.js';
import { Button } from '../../components/Button.js';
import { Field } from '../../components/Field.js';
import { SectionCard } from '../../components/SectionCard.js';
import { SectionTable } from '../../components/SectionTable.js';
import { ErrorState, Skeleton } from '../../components/States.js';
import { Tag } from '../../components/StatusPill.js';
import type { AppInfo } from '../../types.js';
import { useRolesStore, type AssignableRole } from './roles-store.js';

const ROLE_LABELS: Record<AssignableRole, { label: string; means: string }> = {
  approver: { label: 'Approver', means: 'approve or reject candidates, reclaim and undo' },
  integrator: { label: 'Integrator', means: 'profiles, connections, rules, entitlements, schedules and syncs' },
  admin: { label: 'Admin', means: 'roles and settings, and everything the others may do' },
};
const ASSIGNABLE = Object.keys(ROLE_LABELS) as AssignableRole[];
const COLUMNS = [{ label: 'Person' }, { label: 'Roles given here' }, { label: 'Given by' }] as const;

export function PeopleAndRoles({ signedIn }: { signedIn: NonNullable<AppInfo['signedIn']> }) {
  const isAdmin = signedIn.roles.includes('admin');
  const held = ASSIGNABLE.filter((role) => signedIn.roles.includes(role));
  return (
    <SectionCard
      titleId="roles-heading"
      title="People and roles"
      lead="Everyone who signs in may read and export. Roles from the sign-in provider's claim count as well as those given here; a change applies to the person's next action."
    >
      <div className="settings__body roles">
        <div className="roles__me">
          <p>
            Signed in as <strong>{signedIn.person}</strong>:{' '}
            {held.length ? (
              <span className="roles__held">
                {held.map((role) => (
                  <Tag key={role} tone="info">
                    {ROLE_LABELS[role].label}
                  </Tag>
                ))}
              </span>
            ) : (
              <span className="muted">read and export only</span>
            )}
          </p>
          <Button size="sm" variant="secondary" onClick={() => void signOut()}>
            Sign out
          </Button>
        </div>
        {isAdmin ? <RoleAssignments self={signedIn.person} /> : <p className="muted">Only an admin gives roles. Ask one for the role your work needs.</p>}
      </div>
    </SectionCard>
  );
}

function RoleAssignments({ self }: { self: string }) {
  const status = useRolesStore((state) => state.status);
  const assignments = useRolesStore((state) => state.assignments);
  const error = useRolesStore((state) => state.error);
  const load = useRolesStore((state) => state.load);
  const setRoles = useRolesStore((state) => state.set);
  const [editing, setEditing] = useState<{ person: string; roles: AssignableRole[] } | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  if (status === 'error') return <ErrorState title="Seatwise could not read the roles" message={error ?? ''} onRetry={() => void load()} />;
  if (status !== 'ready') return <Skeleton width={320} height={16} />;
  return (
    <>
      {assignments.length ? (
        <SectionTable className="roles__table" labelledBy="roles-heading" columns={COLUMNS}>
          {assignments.map((a) => (
            <tr key={a.person}>
              <td>{a.person}</td>
              <td>{a.roles.map((role) => ROLE_LABELS[role].label).join(', ')}</td>
              <td className="muted">{a.assignedBy}</td>
              <td>
                <div className="roles__actions">
                  <Button size="sm" variant="ghost" onClick={() => setEditing({ person: a.person, roles: a.roles })} aria-label={`Change the roles of ${a.person}`}>
                    Change
                  </Button>
                  {a.person !== self.toLowerCase() ? (
                    <Button size="sm" variant="ghost" onClick={() => void setRoles(a.person, [])} aria-label={`Take away the roles given to ${a.person}`}>
                      Take away
                    </Button>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </SectionTable>
      ) : (
        <p className="muted">No roles given here yet: people hold what the provider's claim says.</p>
      )}
      <RoleForm key={editing ? `${editing.person} ${editing.roles.join()}` : 'new'} initial={editing} onDone={() => setEditing(null)} />
    </>
  );
}

function RoleForm({ initial, onDone }: { initial: { person: string; roles: AssignableRole[] } | null; onDone: () => void }) {
  const ids = useId();
  const setRoles = useRolesStore((state) => state.set);
  const saving = useRolesStore((state) => state.saving);
  const saveError = useRolesStore((state) => state.saveError);
  const saved = useRolesStore((state) => state.saved);
  const [person, setPerson] = useState(initial?.person ?? '');
  const [roles, setChosen] = useState<AssignableRole[]>(initial?.roles ?? []);
  const [personError, setPersonError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!person.trim() || /\s/.test(person.trim())) {
      setPersonError('The email (or provider subject) the person signs in with.');
      return;
    }
    setPersonError(undefined);
    if (await setRoles(person, roles)) {
      setPerson('');
      setChosen([]);
      onDone();
    }
  };
  const toggle = (role: AssignableRole, on: boolean) => setChosen((held) => (on ? [...held, role] : held.filter((r) => r !== role)));

  return (
    <form className="settings-form roles__form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="roles__form-title">
        {initial ? `Roles of ${initial.person}` : 'Give roles to a person'}
      </h3>
      <Field label="Email" error={personError} hint="As the sign-in provider gives it; case does not matter.">
        {(props) => <input {...props} className="input" type="email" autoComplete="off" value={person} readOnly={Boolean(initial)} onChange={(event) => setPerson(event.target.value)} />}
      </Field>
      <fieldset className="roles__choices">
        <legend className="settings-form__label">Roles</legend>
        {ASSIGNABLE.map((role) => (
          <label key={role} className="roles__choice">
            <input type="checkbox" checked={roles.includes(role)} onChange={(event) => toggle(role, event.target.checked)} />
            <span>
              <strong>{ROLE_LABELS[role].label}</strong> <span className="muted">{ROLE_LABELS[role].means}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="settings-form__actions">
        <Button type="submit" variant="primary" busy={saving}>
          Save roles
        </Button>
        {initial ? (
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
        <p className={saveError ? 'field-error' : 'muted'} role={saveError ? 'alert' : 'status'}>
          {saveError ? `Not saved: ${saveError}` : (saved ?? '')}
        </p>
      </div>
    </form>
  );
}
