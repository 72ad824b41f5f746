import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { sessionFromToken, signIn } from '../auth/session';
import type { OidcConfig } from '../auth/oidc';
import { navigate, usePath } from '../router';
import { Status } from '../ui';

interface WebConfig {
  demo: boolean;
  oidc: OidcConfig | null;
}

interface DemoPerson {
  id: string;
  name: string;
  roles: string[];
}

const ROLE_ORDER = ['employee', 'manager', 'hr', 'payroll', 'auditor'] as const;

function returnTo(): string {
  const to = new URLSearchParams(location.search).get('till');
  return to && to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/logga-in') ? to : '/';
}

/**
 * Sign in: the organisation's OIDC provider (authorization code with PKCE) in production; in the
 * demo (npm start) the page /demo lists the demo people by role and name.
 */
export default function SignInPage() {
  const t = useT();
  const path = usePath();
  const [config, setConfig] = useState<WebConfig | null>(null);
  const [people, setPeople] = useState<DemoPerson[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch('/web-config.json')
      .then((r) => r.json() as Promise<WebConfig>)
      .then(setConfig, () => setError(t('errorGeneric')));
  }, []);

  useEffect(() => {
    if (!config) return;
    if (path === '/logga-in/klar' && config.oidc) {
      import('../auth/oidc')
        .then(({ completeOidcSignIn }) => completeOidcSignIn(config.oidc!))
        .then((to) => navigate(to, true), () => setError(t('errorGeneric')));
    } else if (config.demo && path !== '/demo' && !config.oidc) {
      navigate(`/demo${location.search}`, true);
    } else if (path === '/demo' && config.demo) {
      fetch('/demo/people.json')
        .then((r) => r.json() as Promise<{ people: DemoPerson[] }>)
        .then((b) => setPeople(b.people), () => setError(t('errorGeneric')));
    }
  }, [config, path]);

  const signInAs = async (person: DemoPerson) => {
    setError(null);
    try {
      const res = await fetch('/demo/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: person.id }) });
      if (!res.ok) throw new Error(String(res.status));
      const { token } = (await res.json()) as { token: string };
      signIn(sessionFromToken(token, person.name));
      navigate(returnTo(), true);
    } catch {
      setError(t('errorGeneric'));
    }
  };

  return (
    <section aria-labelledby="sign-in-title" className="card narrow">
      <h1 id="sign-in-title">{path === '/demo' ? t('demoSignIn') : t('signIn')}</h1>
      {error && <Status kind="error">{error}</Status>}
      {new URLSearchParams(location.search).has('utloggad') && <Status kind="warn">{t('errorGeneric')}</Status>}
      {!config && <p role="status">{t('loading')}</p>}
      {config?.oidc && path !== '/demo' && (
        <button type="button" className="primary" onClick={() => import('../auth/oidc').then(({ startOidcSignIn }) => startOidcSignIn(config.oidc!, returnTo())).catch(() => setError(t('errorGeneric')))}>
          {t('signInWithOrg')}
        </button>
      )}
      {path === '/demo' && people && (
        <>
          <p>{t('demoIntro')}</p>
          {ROLE_ORDER.map((role) => {
            const group = people.filter((p) => p.roles.includes(role) && (role === 'employee' ? !p.roles.includes('manager') : true));
            if (group.length === 0) return null;
            return (
              <div key={role} className="role-group">
                <h2>{t(`role_${role}`)}</h2>
                <ul className="plain">
                  {group.map((p) => (
                    <li key={p.id}>
                      <button type="button" className="person" onClick={() => void signInAs(p)}>
                        {p.name}
                        <span className="muted"> · {p.roles.map((r) => t(`role_${r}` as 'role_hr')).join(', ')}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}
