import { useState } from 'react';
import { api, call } from '../api/client';
import type { components } from '../api/schema';
import type { Session } from '../auth/session';
import { useLang, useT, type TextKey } from '../i18n';
import { reminderText } from '../notifications';
import { addMonths, monthsBetween, Plot } from '../plots';
import { addDays, Field, Form, formatDate, LoadError, newId, SelectField, Status, TextAreaField, today, useLoad, useSubmit } from '../ui';

type Department = components['schemas']['DepartmentSummaryDto'];
type Pending = components['schemas']['PendingAttestationDto'];

/** Every department, page by page (the list is paginated). */
export async function allDepartments(): Promise<Department[]> {
  const out: Department[] = [];
  let after: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await call(api.GET('/v1/departments', { params: { query: { limit: '200', ...(after ? { after } : {}) } } }));
    out.push(...page.departments);
    if (!page.next) break;
    after = page.next;
  }
  return out;
}

/** The manager's page: the attestation inbox, who is away, their reminders, their figures, substitutes. */
export default function ManagerPage({ session }: { session: Session }) {
  const t = useT();
  const departments = useLoad(async () => (await allDepartments()).filter((d) => d.managerIds.includes(session.sub)), [session.sub]);
  const [changed, setChanged] = useState(0);
  if (departments.error) return <LoadError error={departments.error} />;
  if (!departments.data) return <p role="status">{t('loading')}</p>;
  const mine = departments.data;
  return (
    <div className="stack">
      <h1>{t('navManager')}</h1>
      <Inbox departments={mine} me={session.sub} changed={changed} onChange={() => setChanged((c) => c + 1)} />
      <Reminders me={session.sub} changed={changed} />
      <TeamCalendar departments={mine} changed={changed} />
      <Figures departments={mine} />
      <Substitute departments={mine} />
    </div>
  );
}

function flagText(flag: string, t: (k: TextKey) => string): string {
  const key = `flag_${flag}` as TextKey;
  const text = t(key);
  return text === key || text === undefined ? flag : text;
}

function Inbox({ departments, me, changed, onChange }: { departments: Department[]; me: string; changed: number; onChange: () => void }) {
  const t = useT();
  const lang = useLang();
  const pending = useLoad(async () => {
    const lists = await Promise.all(
      departments.map((d) => call(api.GET('/v1/departments/{departmentId}/pending-attestations', { params: { path: { departmentId: d.departmentId }, query: { limit: '200' } } }))),
    );
    const seen = new Set<string>();
    return lists.flatMap((l) => l.items).filter((i) => !seen.has(i.absenceId) && seen.add(i.absenceId));
  }, [departments.map((d) => d.departmentId).join(), changed]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState<Pending | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const items = pending.data ?? [];
  const attestable = (p: Pending) => p.employeeId !== me && !p.flags.includes('own_case') && !p.flags.includes('cannot_attest');
  const bulk = useSubmit(
    async () => {
      const chosen = items.filter((p) => selected.has(p.absenceId));
      for (const p of chosen) {
        await call(api.POST('/v1/absences/{id}/attestation', { params: { path: { id: p.absenceId } }, body: { expectedVersion: p.version } }));
      }
      return chosen.length;
    },
    (n) => {
      setSelected(new Set());
      setNote(`${t('attested')} (${n})`);
      onChange();
    },
  );
  const one = async (p: Pending) => {
    setSelected(new Set([p.absenceId]));
    setNote(null);
    await call(api.POST('/v1/absences/{id}/attestation', { params: { path: { id: p.absenceId } }, body: { expectedVersion: p.version } })).then(
      () => {
        setNote(t('attested'));
        setSelected(new Set());
        onChange();
      },
      (e: unknown) => setNote(e instanceof Error ? t('errorGeneric') : String(e)),
    );
  };
  const days = (p: Pending) => (p.to === null ? `${formatDate(p.from, lang)} – ${t('openEnded')}` : p.to === p.from ? formatDate(p.from, lang) : `${formatDate(p.from, lang)} – ${formatDate(p.to, lang)}`);
  return (
    <section aria-labelledby="inbox" className="card">
      <h2 id="inbox">
        {t('inbox')} {pending.data ? `(${items.length})` : ''}
      </h2>
      {pending.error ? <LoadError error={pending.error} /> : null}
      {pending.data && items.length === 0 && <p>{t('inboxEmpty')}</p>}
      {note && <Status kind="ok">{note}</Status>}
      {bulk.message && <Status kind="error">{bulk.message}</Status>}
      {items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="inbox">
              <caption className="visually-hidden">{t('inbox')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('select')}</th>
                  <th scope="col">{t('employee')}</th>
                  <th scope="col">{t('type')}</th>
                  <th scope="col">{t('days')}</th>
                  <th scope="col" className="num">
                    %
                  </th>
                  <th scope="col">{t('flags')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('attest')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => {
                  const name = p.employeeName ?? p.employeeId;
                  return (
                    <tr key={p.absenceId}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${t('select')} ${name}, ${days(p)}`}
                          disabled={!attestable(p)}
                          checked={selected.has(p.absenceId)}
                          onChange={(e) => {
                            const next = new Set(selected);
                            if (e.target.checked) next.add(p.absenceId);
                            else next.delete(p.absenceId);
                            setSelected(next);
                          }}
                        />
                      </td>
                      <td>{name}</td>
                      <td>{t(`type_${p.type}` as TextKey)}</td>
                      <td>{days(p)}</td>
                      <td className="num">{p.extentPercent}</td>
                      <td>
                        {p.flags.map((f) => flagText(f, t)).join(', ')}
                        {p.routedFrom ? ` ${t('routedFrom')} ${p.routedFrom}` : ''}
                      </td>
                      <td>
                        <div className="row">
                          <button type="button" className="small primary" disabled={!attestable(p)} onClick={() => void one(p)} aria-label={`${t('attest')}: ${name}, ${days(p)}`}>
                            {t('attest')}
                          </button>
                          <button type="button" className="small" disabled={!attestable(p)} onClick={() => setRejecting(p)} aria-label={`${t('reject')}: ${name}, ${days(p)}`}>
                            {t('reject')}
                          </button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="actions">
            <button type="button" className="primary" disabled={selected.size === 0 || bulk.busy} onClick={() => void bulk.submit()}>
              {t('attestSelected')} ({selected.size})
            </button>
          </div>
        </>
      )}
      {rejecting && (
        <RejectForm
          item={rejecting}
          onCancel={() => setRejecting(null)}
          onDone={() => {
            setRejecting(null);
            setNote(t('rejected'));
            onChange();
          }}
        />
      )}
    </section>
  );
}

function RejectForm({ item, onDone, onCancel }: { item: Pending; onDone: () => void; onCancel: () => void }) {
  const t = useT();
  const [key] = useState(newId);
  const [reason, setReason] = useState('');
  const form = useSubmit(
    () => call(api.POST('/v1/absences/{id}/rejection', { params: { path: { id: item.absenceId } }, body: { reason, expectedVersion: item.version }, headers: { 'Idempotency-Key': key } })),
    onDone,
  );
  return (
    <div className="card inset">
      <h3>
        {t('reject')}: {item.employeeName ?? item.employeeId}
      </h3>
      <Form
        onSubmit={() => void form.submit()}
        busy={form.busy}
        message={form.message}
        submitLabel={t('reject')}
        secondary={
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        }
      >
        <TextAreaField label={t('rejectReason')} value={reason} onChange={setReason} error={form.fields.reason} />
      </Form>
    </div>
  );
}

function Reminders({ me, changed }: { me: string; changed: number }) {
  const t = useT();
  const lang = useLang();
  const list = useLoad(() => call(api.GET('/v1/notifications', { params: { query: { recipient: me } } })).then((b) => b.notifications), [me, changed]);
  return (
    <section aria-labelledby="mgr-reminders" className="card">
      <h2 id="mgr-reminders">{t('reminders')}</h2>
      {list.error ? <LoadError error={list.error} /> : null}
      {list.data && list.data.length === 0 && <p>{t('noReminders')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="reminders">
          {list.data.slice(0, 30).map((n) => (
            <li key={n.id}>{reminderText(n, lang)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Monday of the week a date falls in. */
function monday(date: string): string {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

function TeamCalendar({ departments, changed }: { departments: Department[]; changed: number }) {
  const t = useT();
  const lang = useLang();
  const start = monday(today());
  const days = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((n) => addDays(start, n));
  const data = useLoad(async () => {
    const details = await Promise.all(departments.map((d) => call(api.GET('/v1/departments/{departmentId}', { params: { path: { departmentId: d.departmentId } } }))));
    const people = details.flatMap((d) => d.employees);
    const rows = await Promise.all(
      people.map(async (p) => {
        const list = await call(api.GET('/v1/employees/{employeeId}/absences', { params: { path: { employeeId: p.employeeId }, query: { from: days[0], to: days[days.length - 1] } } }));
        return { person: p, absences: list.absences.filter((a) => a.status !== 'withdrawn') };
      }),
    );
    return rows.filter((r) => r.absences.length > 0);
  }, [departments.map((d) => d.departmentId).join(), changed]);
  const cell = (absences: Array<{ from: string; to: string | null; type: string; extentPercent: number }>, day: string) => absences.find((a) => a.from <= day && (a.to === null || a.to >= day));
  return (
    <section aria-labelledby="calendar" className="card">
      <h2 id="calendar">{t('teamCalendar')}</h2>
      {data.error ? <LoadError error={data.error} /> : null}
      {!data.data && !data.error && <p role="status">{t('loading')}</p>}
      {data.data && data.data.length === 0 && <p>{t('nobodyAway')}</p>}
      {data.data && data.data.length > 0 && (
        <div className="table-wrap">
          <table className="calendar">
            <caption className="visually-hidden">
              {t('thisWeek')}, {t('nextWeek')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('employee')}</th>
                {days.map((d) => (
                  <th scope="col" key={d} className={d === today() ? 'today' : undefined}>
                    {new Date(`${d}T12:00:00Z`).toLocaleDateString(lang === 'en' ? 'en-GB' : 'sv-SE', { weekday: 'short', day: 'numeric', timeZone: 'UTC' })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.data.map(({ person, absences }) => (
                <tr key={person.employeeId}>
                  <th scope="row">{person.name ?? person.employeeId}</th>
                  {days.map((d) => {
                    const a = cell(absences, d);
                    return (
                      <td key={d} className={a ? 'away' : undefined}>
                        {a ? `${t(`type_${a.type}` as TextKey)}${a.extentPercent < 100 ? ` ${a.extentPercent} %` : ''}` : ''}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Figures({ departments }: { departments: Department[] }) {
  const t = useT();
  const to = today().slice(0, 7);
  const from = addMonths(to, -5);
  const data = useLoad(
    () => Promise.all(departments.map((d) => call(api.GET('/v1/stats/sick-leave', { params: { query: { departmentId: d.departmentId, from, to } } })).then((s) => ({ d, s })))),
    [departments.map((d) => d.departmentId).join()],
  );
  const months = monthsBetween(from, to);
  return (
    <section aria-labelledby="figures" className="card">
      <h2 id="figures">{t('figures')}</h2>
      {data.error ? <LoadError error={data.error} /> : null}
      {data.data && (
        <Plot
          kind="line"
          unit="%"
          labels={months}
          summary={`${t('monthlyRate')}: ${data.data.map(({ d, s }) => `${d.name} ${s.total.ratePercent} %`).join(', ')}`}
          series={data.data.map(({ d, s }) => ({ label: d.name, values: months.map((m) => s.months.find((x) => x.month === m)?.ratePercent ?? null) }))}
        />
      )}
    </section>
  );
}

function Substitute({ departments }: { departments: Department[] }) {
  const t = useT();
  const [departmentId, setDepartmentId] = useState(departments[0]?.departmentId ?? '');
  const [employeeId, setEmployeeId] = useState('');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(addDays(today(), 7));
  const [done, setDone] = useState(false);
  const detail = useLoad(() => (departmentId ? call(api.GET('/v1/departments/{departmentId}', { params: { path: { departmentId } } })) : Promise.resolve(null)), [departmentId]);
  const form = useSubmit(
    () => call(api.PUT('/v1/departments/{departmentId}/substitutes/{employeeId}', { params: { path: { departmentId, employeeId } }, body: { from, to } })),
    () => setDone(true),
  );
  if (departments.length === 0) return null;
  const people = detail.data?.employees ?? [];
  return (
    <section aria-labelledby="substitute" className="card">
      <h2 id="substitute">{t('substitute')}</h2>
      <Form onSubmit={() => (setDone(false), void form.submit())} busy={form.busy} message={form.message} submitLabel={t('appoint')}>
        <SelectField label={t('department')} value={departmentId} onChange={setDepartmentId} options={departments.map((d) => [d.departmentId, d.name])} error={form.fields.departmentId} />
        <SelectField label={t('substituteWho')} value={employeeId} onChange={setEmployeeId} options={[['', '–'], ...people.map((p): [string, string] => [p.employeeId, p.name ?? p.employeeId])]} error={form.fields.employeeId} />
        <Field label={t('from')} type="date" value={from} onChange={setFrom} error={form.fields.from} />
        <Field label={t('to')} type="date" value={to} onChange={setTo} error={form.fields.to} />
      </Form>
      {done && <Status kind="ok">{t('appointed')}</Status>}
    </section>
  );
}
