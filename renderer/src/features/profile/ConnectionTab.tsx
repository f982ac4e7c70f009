import type { ReactNode } from 'react';
import { StatusPill, Tag } from '../../components/StatusPill.js';
import { AlertIcon, CheckIcon, LockIcon } from '../../components/icons.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import type { Tone } from '../../lib/status.js';
import { GRANT_TYPE_LABELS } from '../../lib/vendors.js';
import type { ConnectionView, ProfileDetail } from '../../types.js';
import { PROCESS_LABEL } from '../../lib/labels.js';

const CONNECTION_STATUS: Record<ConnectionView['status'], { label: string; tone: Tone }> = {
  connected: { label: 'Connected', tone: 'success' },
  not_connected: { label: 'Not connected', tone: 'neutral' },
  needs_signin: { label: 'Needs sign-in', tone: 'warning' },
  failing: { label: 'Failing', tone: 'danger' },
};

/** Vendor option keys with a friendlier name. */
const OPTION_LABELS: Record<string, string> = {
  workspace: 'Workspace gid',
  organization: 'Organization',
  preset: 'Preset',
};

/** Option values shown by name rather than as stored. */
const OPTION_VALUES: Record<string, Record<string, string>> = {
  preset: { scim: 'SCIM 2.0' },
};

/** The connection as stored: read-only. Secrets never reach the renderer, only whether one exists. */
export function ConnectionTab({ profile }: { profile: ProfileDetail }) {
  return (
    <div className="connection-grid">
      <ConnectionCard title={profile.extraOrgs.length > 0 ? 'Primary org' : 'Connection'} connection={profile.connection} />
      {profile.extraOrgs.map((connection) => (
        <ConnectionCard key={connection.aliasId} title={connection.label} connection={connection} />
      ))}
    </div>
  );
}

function ConnectionCard({ title, connection }: { title: string; connection: ConnectionView }) {
  const status = CONNECTION_STATUS[connection.status];
  const options = Object.entries(connection.options).filter(([, value]) => value.length <= 300);
  return (
    <section className="card" aria-label={title}>
      <div className="card__header card__header--inline">
        <h2 className="card__title">{title}</h2>
        <StatusPill tone={status.tone}>{status.label}</StatusPill>
      </div>
      <dl className="details">
        <Detail label="Connection URL">
          <code className="mono-value">{connection.baseUrl}</code>
        </Detail>
        <Detail label="Sign-in method">{GRANT_TYPE_LABELS[connection.grantType]}</Detail>
        {connection.clientId ? (
          <Detail label="Client ID">
            <code className="mono-value">{connection.clientId}</code>
          </Detail>
        ) : null}
        {connection.username ? <Detail label="Username">{connection.username}</Detail> : null}
        <Detail label="Connected as">{connection.connectedAs ?? <span className="muted">Not signed in yet</span>}</Detail>
        <Detail label="Credential">
          {connection.hasSecret ? (
            <span className="keychain-note">
              <LockIcon size={14} />
              Stored in the OS keychain
            </span>
          ) : (
            <span className="muted">No credential stored</span>
          )}
        </Detail>
        {connection.expiresAt ? (
          <Detail label="Access token expires">
            <time dateTime={connection.expiresAt} title={formatDateTime(connection.expiresAt)}>
              {formatRelative(connection.expiresAt)}
            </time>
          </Detail>
        ) : null}
        {connection.scopes.length > 0 ? (
          <Detail label="Scopes">
            <span className="tag-list">
              {connection.scopes.map((scope) => (
                <Tag key={scope}>{scope}</Tag>
              ))}
            </span>
          </Detail>
        ) : null}
        {connection.authorizeUrl ? (
          <Detail label="Authorization endpoint">
            <code className="mono-value">{connection.authorizeUrl}</code>
          </Detail>
        ) : null}
        {connection.tokenUrl ? (
          <Detail label="Token endpoint">
            <code className="mono-value">{connection.tokenUrl}</code>
          </Detail>
        ) : null}
        {options.map(([key, value]) => (
          <Detail key={key} label={OPTION_LABELS[key] ?? key}>
            {OPTION_VALUES[key]?.[value] ?? <code className="mono-value">{value}</code>}
          </Detail>
        ))}
      </dl>
      {connection.lastValidation ? (
        <div className="validation">
          <h3 className="validation__title">
            Last checked <time dateTime={connection.lastValidation.at}>{formatDateTime(connection.lastValidation.at)}</time>
          </h3>
          <ul className="validation__list">
            {connection.lastValidation.results.map((result) => (
              <li key={result.process} className={result.ok ? 'validation__item is-ok' : 'validation__item is-failed'}>
                {result.ok ? <CheckIcon size={16} title="Passed" /> : <AlertIcon size={16} title="Failed" />}
                <span className="validation__process">{PROCESS_LABEL[result.process]}</span>
                <span className="validation__message">{result.message}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
