import { useT } from '../i18n';

export default function Page(_props: { session?: unknown }) {
  const t = useT();
  return <h1>{t('navAuditor')}</h1>;
}
