/**
 * "Reclamation rules": one row per rule, an enabled switch that saves at once, and an
 * inline form per rule. After a save it says how the candidate count moved, because that
 * is what a threshold change is for.
 */
import { Fragment, useState } from 'react';
import { Button } from '../../components/Button.js';
import { Switch } from '../../components/Switch.js';
import { SectionAnnouncer, SectionCard, type SectionNote } from '../../components/SectionCard.js';
import { SectionFormRow, SectionTable, type SectionColumn } from '../../components/SectionTable.js';
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from '../../components/States.js';
import { Tag } from '../../components/StatusPill.js';
import { ScaleIcon } from '../../components/icons.js';
import { errorMessage } from '../../api.js';
import { formatNumber, plural } from '../../lib/format.js';
import { useRowEditing } from '../../lib/useRowEditing.js';
import type { ProfileDetail } from '../../types.js';
import { RuleForm } from './RuleForm.js';
import { approvalMode, type Rule } from './rule-form.js';
import { useRulesStore, type SaveOutcome } from './rules-store.js';

const COLUMNS: readonly SectionColumn[] = [
  { label: 'Rule' },
  { label: 'Applies to' },
  { label: 'Threshold', num: true },
  { label: 'Notify user' },
  { label: 'Reclamation' },
  { label: 'Leavers' },
  { label: 'Enabled' },
];

/** "Saved “Asana Member”. 12 candidates now (was 9)." */
export function savedMessage(name: string, outcome: SaveOutcome | null): string {
  const saved = `Saved “${name}”.`;
  if (!outcome) return `${saved} Nothing had changed.`;
  const { before, after } = outcome;
  if (after === null) return saved;
  if (before === null) return `${saved} ${plural(after, 'candidate')} now.`;
  if (before === after) return `${saved} Still ${plural(after, 'candidate')}.`;
  return `${saved} ${plural(after, 'candidate')} now (was ${formatNumber(before)}).`;
}

export function RulesSection({ profile }: { profile: ProfileDetail }) {
  const status = useRulesStore((state) => state.status);
  const rules = useRulesStore((state) => state.rules);
  const error = useRulesStore((state) => state.error);
  const load = useRulesStore((state) => state.load);
  const rowEditing = useRowEditing();
  const [message, setMessage] = useState<SectionNote | null>(null);

  let body;
  if (status === 'error') {
    body = <ErrorState title="Seatwise could not load the rules" message={error ?? ''} onRetry={() => void load(profile.id)} />;
  } else if (status !== 'ready') {
    body = (
      <LoadingRegion label="Loading the rules…">
        {[0, 1, 2].map((index) => (
          <div className="skeleton-row" key={index}>
            <Skeleton width={180} height={12} />
            <Skeleton width={60} height={12} />
            <Skeleton width={110} height={12} />
            <Skeleton width={120} height={20} className="skeleton--pill" />
            <Skeleton width={36} height={20} className="skeleton--pill" />
          </div>
        ))}
      </LoadingRegion>
    );
  } else if (rules.length === 0) {
    body = (
      <EmptyState
        headingLevel={3}
        art={
          <span className="empty-icon">
            <ScaleIcon size={28} />
          </span>
        }
        title="No rules yet"
      >
        <p>
          {profile.lastSync
            ? `${profile.name} has no paid license types, so there is nothing to reclaim.`
            : `Seatwise adds one rule per paid license type after the first sync of ${profile.name}: 60 days without activity, approval required.`}
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <SectionTable className="data-table--row-headers rules-table" labelledBy="rules-title" columns={COLUMNS}>
        {rules.map((rule) => (
          <Fragment key={rule.id}>
            <RuleRow
              rule={rule}
              editing={rowEditing.editing === rule.id}
              onEdit={() => {
                setMessage(null);
                rowEditing.open(rule.id);
              }}
              onToggled={(text, tone) => setMessage({ text, tone })}
              editRef={rowEditing.buttonRef(rule.id)}
            />
            {rowEditing.editing === rule.id ? (
              <SectionFormRow columns={COLUMNS}>
                <RuleForm
                  rule={rule}
                  onCancel={() => rowEditing.close(rule.id)}
                  onSaved={(outcome) => {
                    setMessage({ tone: 'success', text: savedMessage(outcome?.rule.name ?? rule.name, outcome) });
                    rowEditing.close(rule.id);
                  }}
                />
              </SectionFormRow>
            ) : null}
          </Fragment>
        ))}
      </SectionTable>
    );
  }

  return (
    <SectionCard
      titleId="rules-title"
      title="Reclamation rules"
      lead="A seat becomes a reclamation candidate when its user has been inactive longer than the rule for its license type allows."
      className="rules-section"
    >
      <SectionAnnouncer className="rules-section__announcer" testId="rules-announcer" note={message} />
      {body}
    </SectionCard>
  );
}

function RuleRow({
  rule,
  editing,
  onEdit,
  onToggled,
  editRef,
}: {
  rule: Rule;
  editing: boolean;
  onEdit: () => void;
  onToggled: (text: string, tone: 'success' | 'danger') => void;
  editRef: (element: HTMLButtonElement | null) => void;
}) {
  const save = useRulesStore((state) => state.save);
  const saving = useRulesStore((state) => state.saving.has(rule.id));
  const model = useRulesStore((state) => (rule.modelId ? state.models[rule.modelId] : undefined));

  async function toggle(enabled: boolean): Promise<void> {
    // Not `disabled` while saving: that would drop keyboard focus to the page.
    if (saving) return;
    try {
      const outcome = await save(rule.id, { enabled });
      onToggled(savedMessage(rule.name, outcome).replace('Saved', enabled ? 'Enabled' : 'Disabled'), 'success');
    } catch (error) {
      onToggled(`“${rule.name}” was not ${enabled ? 'enabled' : 'disabled'}: ${errorMessage(error)}`, 'danger');
    }
  }

  return (
    <tr className={[editing ? 'is-editing' : '', rule.enabled ? '' : 'is-disabled'].filter(Boolean).join(' ') || undefined}>
      <th scope="row" className="rules-table__name">
        {rule.name}
      </th>
      <td>
        <span className="applies-to">
          <span>{rule.licenseType}</span>
          {rule.modelId ? (
            <span className="applies-to__model" title={rule.modelId}>
              Software model {model ?? rule.modelId}
            </span>
          ) : null}
        </span>
      </td>
      <td className="num nowrap">{plural(rule.thresholdDays, 'day')}</td>
      <td>{rule.notifyUser ? <span className="nowrap">Yes, {plural(rule.daysBeforeAutoReclaim, 'day')} before</span> : <span className="muted">No</span>}</td>
      <td>
        {approvalMode(rule) === 'automatic' ? <Tag tone="warning">Without approval</Tag> : <Tag tone="neutral">Approval required</Tag>}{' '}
        {rule.autoReclaim ? <Tag tone="warning">Reclaimed automatically at sync</Tag> : <Tag tone="neutral">Reclaimed only when confirmed</Tag>}
      </td>
      <td>
        {rule.leaversEnabled ? <span className="nowrap">{rule.leaverDays === 0 ? 'At once' : `${plural(rule.leaverDays, 'day')} after leaving`}</span> : <span className="muted">Off</span>}
      </td>
      <td>
        <Switch checked={rule.enabled} busy={saving} label={`${rule.name} enabled`} onChange={(checked) => void toggle(checked)} />
      </td>
      <td className="actions-col">
        <Button ref={editRef} size="sm" variant="secondary" onClick={onEdit} disabled={editing} aria-label={`Edit ${rule.name}`}>
          Edit
        </Button>
      </td>
    </tr>
  );
}
