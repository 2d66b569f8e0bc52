import { Link } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { useI18n, type WordKey } from '../i18n.tsx';

export function Home() {
  const { t } = useI18n();
  const { me } = useAuth();
  if (!me) {
    return (
      <>
        <h1>{t('tagline')}</h1>
        <p className="lead">{t('publicIntro')}</p>
        <p><Link to="/daftar" className="button primary">{t('registerCta')}</Link></p>
        <ul className="cards">
          <li><Link to="/masuk">{t('signIn')}</Link></li>
          <li><Link to="/kalkulator">{t('calculator')}</Link></li>
          <li><Link to="/lingkaran">{t('lingkaranHome')}</Link></li>
          <li><Link to="/wilayah">{t('findRegion')}</Link></li>
          <li><Link to="/cabang">{t('findBranch')}</Link></li>
        </ul>
      </>
    );
  }
  const scope = me.scope.national ? t('national') : me.branchName ? t('branchNamed', { name: me.branchName }) : (me.scope.regionPrefixes ?? []).join(', ') || '—';
  return (
    <>
      <h1>{t('welcome', { name: me.displayName })}</h1>
      <p className="lead">{t(`home_${me.role}` as WordKey)}</p>
      <dl className="facts">
        <dt>{t('role')}</dt><dd>{t(`role_${me.role}` as WordKey)}</dd>
        {['officer', 'supervisor', 'case_manager', 'agent', 'auditor', 'admin'].includes(me.role) && (<><dt>{t('area')}</dt><dd className="scope">{scope}</dd></>)}
      </dl>
      <h2>{t('whatYouCanDo')}</h2>
      <ul className="cards">
        {me.role === 'participant' && (<>
          <li><Link to="/kartu">{t('card')}</Link></li>
          <li><Link to="/upah">{t('myWages')}</Link></li>
          <li><Link to="/keluarga">{t('myFamily')}</Link></li>
        </>)}
        {['officer', 'supervisor', 'case_manager', 'auditor', 'admin'].includes(me.role) && <li><Link to="/cari">{t('registrySearch')}</Link></li>}
        {['officer', 'supervisor', 'admin'].includes(me.role) && (<>
          <li><Link to="/duplikat">{t('duplicatesHome')}</Link></li>
          <li><Link to="/perusahaan/baru">{t('newEmployerHome')}</Link></li>
        </>)}
        {me.role === 'employer_admin' && <li><Link to="/perusahaan">{t('employers')}</Link></li>}
        {me.role === 'donor' && <li><Link to="/donatur">{t('donorNav')}</Link></li>}
        <li><Link to="/lingkaran">{t('lingkaranHome')}</Link></li>
        <li><Link to="/wilayah">{t('regions')}</Link></li>
        <li><Link to="/cabang">{t('branches')}</Link></li>
        {me.role === 'admin' && <li><Link to="/pengguna">{t('users')}</Link></li>}
        {(me.role === 'admin' || me.role === 'auditor') && <li><Link to="/audit">{t('audit')}</Link></li>}
      </ul>
    </>
  );
}
