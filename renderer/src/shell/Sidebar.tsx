import { useEffect, type JSX } from 'react';
import { AuditIcon, CandidatesIcon, DirectoryIcon, HomeIcon, JobsIcon, ScaleIcon, SettingsIcon } from '../components/icons.js';
import { href, type Route, type Section } from '../router.js';
import { useSettingsStore } from '../features/settings/store.js';

interface NavItem {
  label: string;
  target: Route;
  icon: JSX.Element;
  isCurrent: (route: Route) => boolean;
}

const section = (name: Section) => (route: Route) =>
  route.name === 'section' && route.section === name;

const NAV: NavItem[] = [
  {
    label: 'Home',
    target: { name: 'home' },
    icon: <HomeIcon size={18} />,
    isCurrent: (route) => route.name === 'home' || route.name === 'new' || route.name === 'profile' || route.name === 'playbook',
  },
  { label: 'Candidates', target: { name: 'section', section: 'candidates' }, icon: <CandidatesIcon size={18} />, isCurrent: section('candidates') },
  { label: 'Reconciliation', target: { name: 'section', section: 'reconciliation' }, icon: <ScaleIcon size={18} />, isCurrent: section('reconciliation') },
  { label: 'Directory', target: { name: 'section', section: 'directory' }, icon: <DirectoryIcon size={18} />, isCurrent: section('directory') },
  { label: 'Jobs', target: { name: 'section', section: 'jobs' }, icon: <JobsIcon size={18} />, isCurrent: section('jobs') },
  { label: 'Audit', target: { name: 'section', section: 'audit' }, icon: <AuditIcon size={18} />, isCurrent: section('audit') },
];

const SETTINGS: NavItem = { label: 'Settings', target: { name: 'section', section: 'settings' }, icon: <SettingsIcon size={18} />, isCurrent: section('settings') };

export function Sidebar({ route }: { route: Route }) {
  const info = useSettingsStore((state) => state.info);
  const loadInfo = useSettingsStore((state) => state.load);
  useEffect(() => {
    if (useSettingsStore.getState().status === 'idle') void loadInfo();
  }, [loadInfo]);

  return (
    <aside className="sidebar">
      <a className="wordmark" href={href({ name: 'home' })} aria-label="Seatwise, home">
        <Logo />
        <span className="wordmark__text" aria-hidden="true">
          Seatwise
        </span>
      </a>
      <nav className="sidebar__nav" aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <NavLink key={item.label} item={item} route={route} />
          ))}
        </ul>
        <ul className="sidebar__bottom">
          <NavLink item={SETTINGS} route={route} />
        </ul>
      </nav>
      <div className="sidebar__footer">
        {info?.demo ? (
          <p className="demo-note">
            <span className="demo-note__dot" aria-hidden="true" />
            Demo organisation
          </p>
        ) : null}
        {info ? <p className="sidebar__version">Version {info.version}</p> : null}
      </div>
    </aside>
  );
}

function NavLink({ item, route }: { item: NavItem; route: Route }) {
  const current = item.isCurrent(route);
  return (
    <li>
      <a className={current ? 'nav-link is-current' : 'nav-link'} href={href(item.target)} aria-current={current ? 'page' : undefined}>
        {item.icon}
        <span>{item.label}</span>
      </a>
    </li>
  );
}

/** The mark: three seats, one of them freed. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" className="logo__bg" />
      <rect x="7" y="9" width="5" height="14" rx="2.5" className="logo__seat" />
      <rect x="13.5" y="9" width="5" height="14" rx="2.5" className="logo__seat" />
      <rect x="20" y="9" width="5" height="14" rx="2.5" className="logo__seat logo__seat--free" />
    </svg>
  );
}
