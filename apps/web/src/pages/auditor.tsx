import { useState } from 'react';
import { api, call, getUntyped } from '../api/client';
import { useLang, useT, type TextKey } from '../i18n';
import { addDays, Field, formatDate, formatTimestamp, LoadError, SelectField, Status, today, useLoad } from '../ui';
import { eventLabel } from './employee';

/** Internal control: a case's timeline, the case as known at any moment, verify, digests, access log. */
export default function AuditorPage() {
  const t = useT();
  const lang = useLang();
  const employees = useLoad(() => call(api.GET('/v1/employees', { params: { query: { limit: '500' } } })), []);
  const [employeeId, setEmployeeId] = useState('');
  const [absenceId, setAbsenceId] = useState('');
  const cases = useLoad(
    () =>
      employeeId
        ? call(api.GET('/v1/employees/{employeeId}/absences', { params: { path: { employeeId }, query: { from: addDays(today(), -400), to: addDays(today(), 400) } } })).then((b) => b.absences)
        : Promise.resolve([]),
    [employeeId],
  );
  return (
    <div className="stack">
      <h1>{t('navAuditor')}</h1>
      <section aria-labelledby="pick" className="card">
        <h2 id="pick">{t('pickCase')}</h2>
        {employees.error ? <LoadError error={employees.error} /> : null}
        <SelectField
          label={t('pickEmployee')}
          value={employeeId}
          onChange={(v) => (setEmployeeId(v), setAbsenceId(''))}
          options={[['', '–'], ...(employees.data?.employees ?? []).map((e): [string, string] => [e.employeeId, e.name ? `${e.name} (${e.employeeId})` : e.employeeId])]}
        />
        <SelectField
          label={t('pickCase')}
          value={absenceId}
          onChange={setAbsenceId}
          options={[['', '–'], ...(cases.data ?? []).map((a): [string, string] => [a.absenceId, `${t(`type_${a.type}` as TextKey)} ${formatDate(a.from, lang)}${a.to ? ` – ${formatDate(a.to, lang)}` : ''}`])]}
        />
        <Field label={t('caseId')} value={absenceId} onChange={setAbsenceId} maxLength={36} />
      </section>
      {/^[0-9a-f-]{36}$/i.test(absenceId) && <Case absenceId={absenceId} />}
      <Verify />
      <AccessLog employeeId={employeeId} />
    </div>
  );
}

function Case({ absenceId }: { absenceId: string }) {
  const t = useT();
  const lang = useLang();
  const history = useLoad(() => call(api.GET('/v1/absences/{id}/history', { params: { path: { id: absenceId } } })), [absenceId]);
  const [asOf, setAsOf] = useState('');
  const asOfIso = asOf ? new Date(asOf).toISOString() : '';
  const state = useLoad(
    () => (asOfIso ? call(api.GET('/v1/absences/{id}', { params: { path: { id: absenceId }, query: { asOf: asOfIso } } })) : Promise.resolve(null)),
    [absenceId, asOfIso],
  );
  return (
    <>
      <section aria-labelledby="timeline" className="card">
        <h2 id="timeline">{t('timeline')}</h2>
        {history.error ? <LoadError error={history.error} /> : null}
        {history.data && (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('when')}</th>
                  <th scope="col">{t('who')}</th>
                  <th scope="col">{t('what')}</th>
                  <th scope="col">{t('why')}</th>
                  <th scope="col">{t('hash')}</th>
                </tr>
              </thead>
              <tbody>
                {history.data.events.map((e) => (
                  <tr key={e.version}>
                    <td>
                      <button type="button" className="link" onClick={() => setAsOf(toLocalInput(e.recordedAt))} aria-label={`${t('asOf')} ${formatTimestamp(e.recordedAt, lang)}`}>
                        {formatTimestamp(e.recordedAt, lang)}
                      </button>
                    </td>
                    <td>
                      {e.actor.sub} <span className="muted">({e.actor.roles.join(', ')})</span>
                    </td>
                    <td>{eventLabel(e.type, lang)}</td>
                    <td>{typeof e.data.reason === 'string' ? e.data.reason : ''}</td>
                    <td>
                      <code className="hash">{e.hash}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="as-of" className="card">
        <h2 id="as-of">{t('stateAsOf')}</h2>
        <Field label={t('asOf')} hint={t('asOfHint')} type="datetime-local" step="1" value={asOf} onChange={setAsOf} />
        {state.error ? <LoadError error={state.error} /> : null}
        {state.data && (
          <dl className="facts">
            <dt>{t('type')}</dt>
            <dd>{t(`type_${state.data.type}` as TextKey)}</dd>
            <dt>{t('from')}</dt>
            <dd>{state.data.from}</dd>
            <dt>{t('to')}</dt>
            <dd>{state.data.to ?? t('openEnded')}</dd>
            <dt>{t('extent')}</dt>
            <dd>{state.data.extentPercent}</dd>
            <dt>Status</dt>
            <dd data-testid="as-of-status">{t(`status_${state.data.status}` as TextKey)}</dd>
            <dt>Version</dt>
            <dd>{state.data.version}</dd>
          </dl>
        )}
      </section>
    </>
  );
}

/** A timestamp as the value of a datetime-local input, in the browser's (Swedish) time. */
function toLocalInput(iso: string): string {
  const d = new Date(Date.parse(iso) + 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function Verify() {
  const t = useT();
  const [result, setResult] = useState<{ ok: boolean; eventsChecked: number; failures: Array<{ reason: string }> } | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await call(api.GET('/v1/audit/verify', {})));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const digest = async () => {
    try {
      const d = await call(api.GET('/v1/audit/digest', {}));
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([JSON.stringify(d, null, 2)], { type: 'application/json' }));
      a.download = `digest-${d.position}.json`;
      document.body.append(a);
      a.click();
      a.remove();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="verify" className="card">
      <h2 id="verify">{t('verify')}</h2>
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={() => void verify()}>
          {t('verify')}
        </button>
        <button type="button" onClick={() => void digest()}>
          {t('digest')}
        </button>
      </div>
      {error !== undefined && <LoadError error={error} />}
      {result && (
        <Status kind={result.ok ? 'ok' : 'error'}>
          {result.ok ? t('verifyOk') : t('verifyFailed')} ({result.eventsChecked})
          {result.failures.slice(0, 5).map((f) => ` · ${f.reason}`)}
        </Status>
      )}
    </section>
  );
}

function AccessLog({ employeeId }: { employeeId: string }) {
  const t = useT();
  const lang = useLang();
  // GET /v1/audit/access-log is being added to the API; until then this says so.
  const log = useLoad(
    () => getUntyped<{ entries?: Array<Record<string, unknown>> }>(`/v1/audit/access-log?from=${addDays(today(), -30)}&to=${today()}${employeeId ? `&employeeId=${encodeURIComponent(employeeId)}` : ''}`),
    [employeeId],
  );
  const entries = log.data?.entries ?? [];
  return (
    <section aria-labelledby="access" className="card">
      <h2 id="access">{t('accessLog')}</h2>
      {log.error ? <p>{t('notYetInApi')}</p> : null}
      {entries.length > 0 && (
        <ul className="plain">
          {entries.slice(0, 50).map((e, i) => (
            <li key={i}>
              {typeof e.at === 'string' ? formatTimestamp(e.at, lang) : ''} {String(e.reader ?? e.actor ?? '')} {String(e.what ?? '')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
