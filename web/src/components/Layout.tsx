import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useAuth, type Role } from '../auth.tsx';
import { useI18n, type WordKey } from '../i18n.tsx';

interface NavItem {
  to: string;
  label: WordKey;
  roles?: Role[];
}

/** Navigation by role: everyone sees the public pages; staff pages only for the roles that use them. */
const NAV: NavItem[] = [
  { to: '/', label: 'home' },
  // a role's own work first, so it is in view on a phone before the nav scrolls sideways
  { to: '/kartu', label: 'cardNav', roles: ['participant'] },
  { to: '/iuran', label: 'myContributions', roles: ['participant'] },
  { to: '/upah', label: 'wagesNav', roles: ['participant'] },
  { to: '/keluarga', label: 'familyNav', roles: ['participant'] },
  { to: '/donatur', label: 'donorNav', roles: ['donor'] },
  { to: '/lingkaran', label: 'lingkaranNav' },
  { to: '/cari', label: 'search', roles: ['officer', 'supervisor', 'case_manager', 'auditor', 'admin'] },
  { to: '/duplikat', label: 'duplicates', roles: ['officer', 'supervisor', 'admin'] },
  { to: '/wilayah', label: 'regions' },
  { to: '/cabang', label: 'branches' },
  { to: '/perusahaan', label: 'employers', roles: ['employer_admin', 'officer', 'supervisor', 'admin', 'auditor'] },
  { to: '/perusahaan/baru', label: 'newEmployer', roles: ['officer', 'supervisor', 'admin'] },
  { to: '/tagihan', label: 'billsNav', roles: ['admin', 'supervisor', 'officer', 'auditor'] },
  { to: '/rekonsiliasi', label: 'reconciliationNav', roles: ['admin', 'supervisor', 'officer', 'auditor'] },
  { to: '/buku-besar', label: 'ledgerNav', roles: ['auditor', 'admin', 'supervisor'] },
  { to: '/regulasi', label: 'rulesNav', roles: ['admin', 'auditor', 'officer', 'supervisor'] },
  { to: '/hari-libur', label: 'holidaysNav', roles: ['admin', 'auditor', 'officer', 'supervisor'] },
  { to: '/hasil-jht', label: 'jhtNav', roles: ['admin', 'auditor'] },
  { to: '/pengguna', label: 'users', roles: ['admin'] },
  { to: '/audit', label: 'audit', roles: ['auditor', 'admin'] },
];

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const { me, signOut } = useAuth();
  const navigate = useNavigate();
  const items = NAV.filter((n) => !n.roles || (me && n.roles.includes(me.role)));
  return (
    <>
      <a className="skip-link" href="#isi">{t('skipToContent')}</a>
      <header className="site-header">
        <div className="bar">
          <NavLink to="/" className="brand" aria-label={`${t('appName')}: ${t('home')}`}>
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <span>{t('appName')}</span>
          </NavLink>
          <div className="header-actions">
            <button type="button" className="link-button" lang={lang === 'id' ? 'en' : 'id'} aria-label={t('switchToLabel')} onClick={() => setLang(lang === 'id' ? 'en' : 'id')}>
              {t('switchTo')}
            </button>
            {me ? (
              <button type="button" className="link-button" onClick={async () => { await signOut(); navigate('/masuk'); }}>{t('signOut')}</button>
            ) : (
              <NavLink to="/masuk" className="link-button">{t('signIn')}</NavLink>
            )}
          </div>
        </div>
        <nav aria-label={t('mainNav')} className="main-nav">
          <ul>
            {items.map((n) => (
              <li key={n.to}><NavLink to={n.to} end={n.to === '/'}>{t(n.label)}</NavLink></li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="isi" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('tagline')}</p>
        <p><a href="/api/docs/">{t('apiDocs')}</a></p>
      </footer>
    </>
  );
}
