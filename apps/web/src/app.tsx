import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { LangContext, translate, type Lang, type TextKey } from './i18n';
import { currentSession, signOut, subscribe } from './auth/session';
import { Link, navigate, usePath } from './router';

const EmployeePage = lazy(() => import('./pages/employee'));
const ManagerPage = lazy(() => import('./pages/manager'));
const HrPage = lazy(() => import('./pages/hr'));
const PayrollPage = lazy(() => import('./pages/payroll'));
const AuditorPage = lazy(() => import('./pages/auditor'));
const SignInPage = lazy(() => import('./pages/sign-in'));

/** The pages, the role each needs, and where a person with that role starts. */
const PAGES: Array<{ path: string; role: string; label: TextKey }> = [
  { path: '/mig', role: 'employee', label: 'navEmployee' },
  { path: '/chef', role: 'manager', label: 'navManager' },
  { path: '/hr', role: 'hr', label: 'navHr' },
  { path: '/lon', role: 'payroll', label: 'navPayroll' },
  { path: '/revision', role: 'auditor', label: 'navAuditor' },
];

function initialLang(): Lang {
  const saved = localStorage.getItem('franvaroliggaren.lang');
  return saved === 'en' ? 'en' : 'sv';
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const session = useSyncExternalStore(subscribe, currentSession);
  const path = usePath();
  const t = (key: TextKey) => translate(lang, key);
  const mine = PAGES.filter((p) => session?.roles.includes(p.role));
  const signInPath = path.startsWith('/logga-in') || path === '/demo';

  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('franvaroliggaren.lang', lang);
  }, [lang]);

  useEffect(() => {
    if (!session && !signInPath) navigate(`/logga-in?till=${encodeURIComponent(path)}`, true);
    else if (session && path === '/') navigate(mine[0]?.path ?? '/logga-in', true);
  }, [session, path, signInPath, mine]);

  const page = PAGES.find((p) => path === p.path || path.startsWith(`${p.path}/`));
  const title = signInPath ? t('signIn') : page ? t(page.label) : t('appName');
  useEffect(() => {
    document.title = `${title} – ${t('appName')}`;
  });

  let content;
  if (signInPath) content = <SignInPage />;
  else if (!session) content = null;
  else if (!page) content = null;
  else if (!session.roles.includes(page.role)) content = <p role="alert">{t('notAllowed')}</p>;
  else if (page.path === '/mig') content = <EmployeePage session={session} />;
  else if (page.path === '/chef') content = <ManagerPage session={session} />;
  else if (page.path === '/hr') content = <HrPage session={session} />;
  else if (page.path === '/lon') content = <PayrollPage />;
  else content = <AuditorPage />;

  return (
    <LangContext.Provider value={lang}>
      <a className="skip" href="#main">
        {lang === 'en' ? 'Skip to content' : 'Till innehållet'}
      </a>
      <header className="top">
        <span className="brand">{t('appName')}</span>
        <button type="button" className="link" lang={lang === 'sv' ? 'en' : 'sv'} onClick={() => setLang(lang === 'sv' ? 'en' : 'sv')}>
          {t('language')}
        </button>
        {session && (
          <button type="button" className="link" onClick={() => signOut()}>
            {t('signOut')}
          </button>
        )}
      </header>
      {session && mine.length > 1 && (
        <nav aria-label={t('nav')} className="nav">
          {mine.map((p) => (
            <Link key={p.path} to={p.path} current={page?.path === p.path}>
              {t(p.label)}
            </Link>
          ))}
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">{t('loading')}</p>}>{content}</Suspense>
      </main>
    </LangContext.Provider>
  );
}
