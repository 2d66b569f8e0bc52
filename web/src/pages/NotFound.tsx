import { Link } from 'react-router-dom';
import { useI18n } from '../i18n.tsx';

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <p><Link to="/">{t('backHome')}</Link></p>
    </>
  );
}
