import { useState } from 'react';
import { api, call } from '../api/client';
import { currentToken } from '../auth/session';
import { useT } from '../i18n';
import { addMonths } from '../plots';
import { LoadError, Status, today, useLoad, useSubmit } from '../ui';

/** Payroll: the periods with their status, export (JSON, CSV, PAXml) and lock with its warnings. */
export default function PayrollPage() {
  const t = useT();
  const current = today().slice(0, 7);
  const months = [0, -1, -2, -3].map((n) => addMonths(current, n));
  return (
    <div className="stack">
      <h1>{t('periods')}</h1>
      {months.map((m) => (
        <Period key={m} month={m} />
      ))}
    </div>
  );
}

async function download(month: string, format: 'json' | 'csv' | 'paxml'): Promise<void> {
  const res = await fetch(`/v1/payroll/periods/${month}/export?format=${format}`, { headers: { Authorization: `Bearer ${currentToken() ?? ''}` } });
  if (!res.ok) throw new Error(String(res.status));
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `lon-${month}.${format === 'paxml' ? 'xml' : format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

function Period({ month }: { month: string }) {
  const t = useT();
  const [changed, setChanged] = useState(0);
  const page = useLoad(() => call(api.GET('/v1/payroll/periods/{month}/lines', { params: { path: { month }, query: { limit: '1000' } } })), [month, changed]);
  const [lockResult, setLockResult] = useState<{ unattestedCases: number; openEarlierPeriods: string[] } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const lock = useSubmit(
    () => call(api.POST('/v1/payroll/periods/{month}/lock', { params: { path: { month } } })),
    (r) => {
      // unattestedCases and openEarlierPeriods: the lock answer the contract names (not yet in the document).
      const answer = r as { unattestedCases?: number; openEarlierPeriods?: string[] };
      setLockResult({ unattestedCases: answer.unattestedCases ?? 0, openEarlierPeriods: answer.openEarlierPeriods ?? [] });
      setChanged((c) => c + 1);
    },
  );
  const id = `period-${month}`;
  return (
    <section aria-labelledby={id} className="card">
      <h2 id={id}>
        {t('period')} {month}
        {page.data ? ` · ${t(page.data.status === 'locked' ? 'status_locked' : 'status_open')}` : ''}
      </h2>
      {page.error ? <LoadError error={page.error} /> : null}
      {page.data && (
        <p>
          {t('lines')}: {page.data.lines.length}
          {page.data.next ? '+' : ''}
        </p>
      )}
      <div className="row">
        {(['json', 'csv', 'paxml'] as const).map((f) => (
          <button key={f} type="button" className="small" onClick={() => download(month, f).then(() => setExportError(null), () => setExportError(t('errorGeneric')))}>
            {t('export')} {f === 'paxml' ? 'PAXml' : f.toUpperCase()}
          </button>
        ))}
        {page.data?.status === 'open' && (
          <button type="button" className="small primary" disabled={lock.busy} onClick={() => window.confirm(t('lockConfirm')) && void lock.submit()}>
            {t('lock')}
          </button>
        )}
      </div>
      {exportError && <Status kind="error">{exportError}</Status>}
      {lock.message && <Status kind="error">{lock.message}</Status>}
      {lockResult && (
        <Status kind={lockResult.unattestedCases > 0 || lockResult.openEarlierPeriods.length > 0 ? 'warn' : 'ok'}>
          {t('locked')} {t('unattested')}: {lockResult.unattestedCases}.
          {lockResult.openEarlierPeriods.length > 0 ? ` ${t('openEarlier')}: ${lockResult.openEarlierPeriods.join(', ')}.` : ''}
        </Status>
      )}
    </section>
  );
}
