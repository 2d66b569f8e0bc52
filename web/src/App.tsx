import { useEffect, type ReactElement } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth, type Role } from './auth.tsx';
import { Layout } from './components/Layout.tsx';
import { useI18n, type WordKey } from './i18n.tsx';
import { Audit } from './pages/Audit.tsx';
import { Bill } from './pages/Bill.tsx';
import { BillingRuns } from './pages/BillingRuns.tsx';
import { Reconciliation } from './pages/Reconciliation.tsx';
import { Ledger } from './pages/Ledger.tsx';
import { Branches } from './pages/Branches.tsx';
import { Calculator } from './pages/Calculator.tsx';
import { Card } from './pages/Card.tsx';
import { DevOutbox } from './pages/DevOutbox.tsx';
import { Duplicates } from './pages/Duplicates.tsx';
import { Employer, Employers } from './pages/Employer.tsx';
import { EmployerNew } from './pages/EmployerNew.tsx';
import { Holidays } from './pages/Holidays.tsx';
import { Home } from './pages/Home.tsx';
import { JhtReturns } from './pages/JhtReturns.tsx';
import { Login } from './pages/Login.tsx';
import { MyContributions } from './pages/MyContributions.tsx';
import { MyFamily } from './pages/MyFamily.tsx';
import { MyWages } from './pages/MyWages.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { Person } from './pages/Person.tsx';
import { Regions } from './pages/Regions.tsx';
import { Register } from './pages/Register.tsx';
import { Rules } from './pages/Rules.tsx';
import { Search } from './pages/Search.tsx';
import { Users } from './pages/Users.tsx';
import { CampaignPage } from './pages/lingkaran/CampaignPage.tsx';
import { DonationPage } from './pages/lingkaran/DonationPage.tsx';
import { DonorPortal, DonorRegister } from './pages/lingkaran/DonorPages.tsx';
import { LingkaranHome } from './pages/lingkaran/LingkaranHome.tsx';
import { NewCampaign } from './pages/lingkaran/NewCampaign.tsx';

/** Pages for signed-in roles only; others are sent to sign in, or see "not found". */
function Guard({ roles, children }: { roles: Role[]; children: ReactElement }) {
  const { me, loading } = useAuth();
  if (loading) return null;
  if (!me) return <Navigate to="/masuk" replace />;
  return roles.includes(me.role) ? children : <NotFound />;
}

/** Staff who read the registry, and the staff who keep it (the duplicates queue, new employers). */
const STAFF_READ: Role[] = ['officer', 'supervisor', 'case_manager', 'auditor', 'admin'];
const STAFF_WRITE: Role[] = ['officer', 'supervisor', 'admin'];

const TITLES: Record<string, WordKey> = { '/kalkulator': 'calculator', '/': 'home', '/masuk': 'signIn', '/daftar': 'register', '/wilayah': 'regions', '/cabang': 'branches', '/perusahaan': 'employers', '/kartu': 'card', '/pengguna': 'users', '/audit': 'audit', '/dev/outbox': 'devOutbox',
  '/regulasi': 'rulesNav', '/hari-libur': 'holidaysNav', '/hasil-jht': 'jhtNav',
  '/tagihan': 'billsNav', '/iuran': 'myContributions', '/rekonsiliasi': 'reconciliationNav', '/buku-besar': 'ledgerNav',
  '/lingkaran': 'lingkaranNav', '/donatur': 'donorNav',
  '/cari': 'registrySearch', '/orang': 'personRecord', '/duplikat': 'duplicates', '/perusahaan/baru': 'newEmployer', '/upah': 'myWages', '/keluarga': 'myFamily' };

/** Each page sets the document title; focus moves to the content so screen readers hear the change. */
function PageTitle() {
  const { pathname } = useLocation();
  const { t } = useI18n();
  useEffect(() => {
    const key = TITLES[pathname] ?? TITLES[`/${pathname.split('/')[1] ?? ''}`];
    document.title = key ? `${t(key)} · Lindung` : 'Lindung';
  }, [pathname, t]);
  return null;
}

export function App() {
  return (
    <>
      <PageTitle />
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Home />} />
          <Route path="masuk" element={<Login />} />
          <Route path="daftar" element={<Register />} />
          <Route path="kalkulator" element={<Calculator />} />
          <Route path="wilayah" element={<Regions />} />
          <Route path="wilayah/:code" element={<Regions />} />
          <Route path="cabang" element={<Branches />} />
          <Route path="perusahaan" element={<Guard roles={['employer_admin', 'officer', 'supervisor', 'admin', 'auditor']}><Employers /></Guard>} />
          <Route path="perusahaan/baru" element={<Guard roles={STAFF_WRITE}><EmployerNew /></Guard>} />
          <Route path="perusahaan/:id" element={<Guard roles={['employer_admin', 'officer', 'supervisor', 'admin', 'auditor']}><Employer /></Guard>} />
          <Route path="pengguna" element={<Guard roles={['admin']}><Users /></Guard>} />
          <Route path="audit" element={<Guard roles={['auditor', 'admin']}><Audit /></Guard>} />
          <Route path="kartu" element={<Guard roles={['participant']}><Card /></Guard>} />
          <Route path="upah" element={<Guard roles={['participant']}><MyWages /></Guard>} />
          <Route path="keluarga" element={<Guard roles={['participant']}><MyFamily /></Guard>} />
          <Route path="cari" element={<Guard roles={STAFF_READ}><Search /></Guard>} />
          <Route path="orang/:id" element={<Guard roles={STAFF_READ}><Person /></Guard>} />
          <Route path="duplikat" element={<Guard roles={STAFF_WRITE}><Duplicates /></Guard>} />
          <Route path="tagihan" element={<Guard roles={['admin', 'supervisor', 'officer', 'auditor']}><BillingRuns /></Guard>} />
          <Route path="tagihan/:id" element={<Guard roles={['admin', 'supervisor', 'officer', 'auditor', 'employer_admin', 'participant']}><Bill /></Guard>} />
          <Route path="iuran" element={<Guard roles={['participant']}><MyContributions /></Guard>} />
          <Route path="buku-besar" element={<Guard roles={['auditor', 'admin', 'supervisor']}><Ledger /></Guard>} />
          <Route path="rekonsiliasi" element={<Guard roles={['supervisor', 'officer', 'admin', 'auditor']}><Reconciliation /></Guard>} />
          <Route path="regulasi" element={<Guard roles={['admin', 'auditor', 'officer', 'supervisor']}><Rules /></Guard>} />
          <Route path="hari-libur" element={<Holidays />} />
          <Route path="hasil-jht" element={<Guard roles={['admin', 'auditor']}><JhtReturns /></Guard>} />
          <Route path="lingkaran" element={<LingkaranHome />} />
          <Route path="lingkaran/baru" element={<Guard roles={['officer', 'supervisor', 'admin', 'donor']}><NewCampaign /></Guard>} />
          <Route path="lingkaran/daftar-donatur" element={<DonorRegister />} />
          <Route path="lingkaran/donasi/:receipt" element={<DonationPage />} />
          <Route path="lingkaran/:code" element={<CampaignPage />} />
          <Route path="donatur" element={<Guard roles={['donor']}><DonorPortal /></Guard>} />
          <Route path="dev/outbox" element={<DevOutbox />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </>
  );
}
