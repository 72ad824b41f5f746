import { useState, type ReactElement } from 'react';
import { api, call } from '../api/client';
import type { components } from '../api/schema';
import type { Session } from '../auth/session';
import { useT } from '../i18n';
import { addMonths, monthsBetween, Plot } from '../plots';
import { Field, Form, LoadError, SelectField, Status, today, useLoad, useSubmit } from '../ui';
import { allDepartments } from './manager';

type Department = components['schemas']['DepartmentSummaryDto'];
type Group = components['schemas']['GroupFigureDto'];

/** HR: the department tree and master data, the statistics dashboard, the annual-report table. */
export default function HrPage(_props: { session: Session }) {
  const t = useT();
  const [changed, setChanged] = useState(0);
  const departments = useLoad(allDepartments, [changed]);
  if (departments.error) return <LoadError error={departments.error} />;
  if (!departments.data) return <p role="status">{t('loading')}</p>;
  return (
    <div className="stack">
      <h1>{t('navHr')}</h1>
      <Dashboard departments={departments.data} />
      <AnnualReport />
      <Discrepancies />
      <div className="grid two">
        <Tree departments={departments.data} />
        <div className="stack">
          <DepartmentForm departments={departments.data} onDone={() => setChanged((c) => c + 1)} />
          <EmployeeForm departments={departments.data} />
        </div>
      </div>
    </div>
  );
}

function Tree({ departments }: { departments: Department[] }) {
  const t = useT();
  const children = (parent: string | null) => departments.filter((d) => (d.parentId ?? null) === parent);
  const roots = departments.filter((d) => !d.parentId || !departments.some((x) => x.departmentId === d.parentId));
  const render = (d: Department, depth: number): ReactElement => (
    <li key={d.departmentId}>
      {d.name} <span className="muted">({d.departmentId})</span>
      {depth < 20 && children(d.departmentId).length > 0 && <ul>{children(d.departmentId).map((c) => render(c, depth + 1))}</ul>}
    </li>
  );
  return (
    <section aria-labelledby="tree" className="card">
      <h2 id="tree">{t('departments')}</h2>
      <ul className="tree">{roots.map((d) => render(d, 0))}</ul>
    </section>
  );
}

function DepartmentForm({ departments, onDone }: { departments: Department[]; onDone: () => void }) {
  const t = useT();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [managers, setManagers] = useState('');
  const [parentId, setParentId] = useState('');
  const [ok, setOk] = useState(false);
  const form = useSubmit(
    () =>
      call(
        api.PUT('/v1/departments/{departmentId}', {
          params: { path: { departmentId: id } },
          body: { name, managerIds: managers.split(/[\s,]+/).filter(Boolean), parentId: parentId || null },
        }),
      ),
    () => (setOk(true), onDone()),
  );
  return (
    <section aria-labelledby="dept-form" className="card">
      <h2 id="dept-form">
        {t('department')}: {t('masterData')}
      </h2>
      <Form onSubmit={() => (setOk(false), void form.submit())} busy={form.busy} message={form.message} submitLabel={t('save')}>
        <Field label={t('departmentId')} value={id} onChange={setId} error={form.fields.departmentId} maxLength={64} />
        <Field label={t('name')} value={name} onChange={setName} error={form.fields.name} />
        <Field label={t('managerIds')} value={managers} onChange={setManagers} error={Object.entries(form.fields).find(([f]) => f.startsWith('managerIds'))?.[1]} />
        <SelectField label={t('parent')} value={parentId} onChange={setParentId} options={[['', '–'], ...departments.map((d): [string, string] => [d.departmentId, d.name])]} error={form.fields.parentId} />
      </Form>
      {ok && <Status kind="ok">{t('saved')}</Status>}
    </section>
  );
}

function EmployeeForm({ departments }: { departments: Department[] }) {
  const t = useT();
  const [v, setV] = useState({ employeeId: '', name: '', email: '', departmentId: departments[0]?.departmentId ?? '', gender: 'unknown', birthYear: '', employmentPercent: '100', weeklyHours: '40', effectiveFrom: today() });
  const set = (k: keyof typeof v) => (value: string) => setV({ ...v, [k]: value });
  const [ok, setOk] = useState(false);
  const form = useSubmit(
    () =>
      call(
        api.PUT('/v1/employees/{employeeId}', {
          params: { path: { employeeId: v.employeeId } },
          body: {
            departmentId: v.departmentId,
            ...(v.name ? { name: v.name } : {}),
            ...(v.email ? { email: v.email } : {}),
            gender: v.gender as 'unknown',
            birthYear: Number(v.birthYear),
            employmentPercent: Number(v.employmentPercent),
            weeklyHours: Number(v.weeklyHours),
            effectiveFrom: v.effectiveFrom,
          },
        }),
      ),
    () => setOk(true),
  );
  return (
    <section aria-labelledby="emp-form" className="card">
      <h2 id="emp-form">
        {t('employee')}: {t('masterData')}
      </h2>
      <Form onSubmit={() => (setOk(false), void form.submit())} busy={form.busy} message={form.message} submitLabel={t('save')}>
        <Field label={t('employeeId')} value={v.employeeId} onChange={set('employeeId')} error={form.fields.employeeId} maxLength={64} />
        <Field label={t('name')} value={v.name} onChange={set('name')} error={form.fields.name} autoComplete="off" />
        <Field label={t('email')} type="email" value={v.email} onChange={set('email')} error={form.fields.email} autoComplete="off" />
        <SelectField label={t('department')} value={v.departmentId} onChange={set('departmentId')} options={departments.map((d) => [d.departmentId, d.name])} error={form.fields.departmentId} />
        <SelectField label={t('gender')} value={v.gender} onChange={set('gender')} options={(['female', 'male', 'other', 'unknown'] as const).map((g) => [g, t(`gender_${g}`)])} error={form.fields.gender} />
        <Field label={t('birthYear')} type="number" inputMode="numeric" value={v.birthYear} onChange={set('birthYear')} error={form.fields.birthYear} />
        <Field label={t('employmentPercent')} type="number" value={v.employmentPercent} onChange={set('employmentPercent')} error={form.fields.employmentPercent} />
        <Field label={t('weeklyHours')} type="number" value={v.weeklyHours} onChange={set('weeklyHours')} error={form.fields.weeklyHours} />
        <Field label={t('effectiveFrom')} type="date" value={v.effectiveFrom} onChange={set('effectiveFrom')} error={form.fields.effectiveFrom} />
      </Form>
      {ok && <Status kind="ok">{t('saved')}</Status>}
    </section>
  );
}

function Dashboard({ departments }: { departments: Department[] }) {
  const t = useT();
  const [to, setTo] = useState(today().slice(0, 7));
  const [from, setFrom] = useState(addMonths(today().slice(0, 7), -5));
  const data = useLoad(async () => {
    const org = await call(api.GET('/v1/stats/sick-leave', { params: { query: { from, to } } }));
    const per = await Promise.all(departments.slice(0, 12).map((d) => call(api.GET('/v1/stats/sick-leave', { params: { query: { departmentId: d.departmentId, from, to } } })).then((s) => ({ d, s }))));
    const latency = await call(api.GET('/v1/stats/reporting-latency', { params: { query: { from, to } } }));
    return { org, per, latency };
  }, [from, to, departments.length]);
  const months = monthsBetween(from, to);
  return (
    <section aria-labelledby="dashboard" className="card">
      <h2 id="dashboard">{t('dashboard')}</h2>
      <div className="row">
        <Field label={t('monthFrom')} type="month" value={from} onChange={setFrom} />
        <Field label={t('monthTo')} type="month" value={to} onChange={setTo} />
      </div>
      {data.error ? <LoadError error={data.error} /> : null}
      {data.data && (
        <div className="grid two">
          <div>
            <h3>{t('monthlyRate')}</h3>
            <Plot
              kind="line"
              unit="%"
              labels={months}
              summary={`${t('monthlyRate')}. ${t('organisation')}: ${data.data.org.total.ratePercent} %`}
              series={[
                { label: t('organisation'), emphasis: true, values: months.map((m) => data.data!.org.months.find((x) => x.month === m)?.ratePercent ?? null) },
                ...data.data.per.map(({ d, s }) => ({ label: d.name, values: months.map((m) => s.months.find((x) => x.month === m)?.ratePercent ?? null) })),
              ]}
            />
          </div>
          <div>
            <h3>{t('latency')}</h3>
            <p className="hint">{t('latencyHint')}</p>
            <Plot
              kind="bar"
              unit="h"
              labels={data.data.latency.months.map((m) => m.month)}
              summary={`${t('latency')}: ${t('latencyHint')}`}
              series={[
                { label: 'Median', values: data.data.latency.months.map((m) => m.reports.medianHours) },
                { label: '90 %', values: data.data.latency.months.map((m) => m.reports.p90Hours) },
                { label: t('lateShare'), values: data.data.latency.months.map((m) => m.reports.latePercent) },
              ]}
            />
          </div>
        </div>
      )}
    </section>
  );
}

function figure(g: Group, t: (k: 'suppressed') => string): string {
  return g.suppressed || g.ratePercent === null ? t('suppressed') : `${g.ratePercent.toLocaleString('sv-SE')} %`;
}

function AnnualReport() {
  const t = useT();
  const [year, setYear] = useState(today().slice(0, 4));
  const report = useLoad(() => call(api.GET('/v1/stats/annual-report', { params: { query: { year } } })), [year]);
  const r = report.data;
  const groups: Array<[string, Group | undefined]> = r
    ? [
        [t('women'), r.women],
        [t('men'), r.men],
        [t('age29'), r.age29OrYounger],
        [t('age30to49'), r.age30To49],
        [t('age50'), r.age50OrOlder],
      ]
    : [];
  const value = (g: Group | undefined) => (g && !g.suppressed && g.ratePercent !== null ? g.ratePercent : null);
  return (
    <section aria-labelledby="annual" className="card">
      <h2 id="annual">{t('annualReport')}</h2>
      <Field label={t('year')} type="number" value={year} onChange={setYear} />
      {report.error ? <LoadError error={report.error} /> : null}
      {r && (
        <div className="grid two">
          <div className="table-wrap">
            <table>
              <caption>
                {t('annualReport')} {r.year}
              </caption>
              <thead>
                <tr>
                  <th scope="col"></th>
                  <th scope="col" className="num">
                    {t('rate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('total')}</th>
                  <td className="num">{r.total.ratePercent === null ? t('suppressed') : `${r.total.ratePercent.toLocaleString('sv-SE')} %`}</td>
                </tr>
                <tr>
                  <th scope="row">{t('longTermShare')}</th>
                  <td className="num">{r.longTermSharePercent === null ? t('suppressed') : `${r.longTermSharePercent.toLocaleString('sv-SE')} %`}</td>
                </tr>
                {groups.map(([label, g]) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td className="num">{g ? figure(g, t) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <h3>
              {t('womenMen')}, {t('ageGroups')}
            </h3>
            <Plot kind="bar" unit="%" labels={groups.map(([l]) => l)} summary={`${t('womenMen')}, ${t('ageGroups')}`} series={[{ label: t('rate'), values: groups.map(([, g]) => value(g)) }]} />
          </div>
        </div>
      )}
    </section>
  );
}

function Discrepancies() {
  const t = useT();
  const to = today();
  const from = `${addMonths(to.slice(0, 7), -2)}-01`;
  const list = useLoad(() => call(api.GET('/v1/discrepancies', { params: { query: { from, to } } })), [from, to]);
  const items = (Array.isArray(list.data) ? list.data : ((list.data as unknown as { discrepancies?: unknown[] })?.discrepancies ?? [])) as components['schemas']['DiscrepancyDto'][];
  return (
    <section aria-labelledby="discrepancies" className="card">
      <h2 id="discrepancies">{t('discrepancies')}</h2>
      {list.error ? <LoadError error={list.error} /> : null}
      {list.data && items.length === 0 && <p>{t('noDiscrepancies')}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('employee')}</th>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('what')}</th>
                <th scope="col">{t('source')}</th>
              </tr>
            </thead>
            <tbody>
              {items.slice(0, 50).map((d) => (
                <tr key={`${d.employeeId}-${d.date}-${d.kind}`}>
                  <td>{d.employeeId}</td>
                  <td>{d.date}</td>
                  <td>{t(d.kind === 'unreported_absence' ? 'kind_unreported' : 'kind_working')}</td>
                  <td>{d.observation.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
