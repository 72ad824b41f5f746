import { useState } from 'react';
import { api, call } from '../api/client';
import { ABSENCE_TYPES, type Absence, type AbsenceType, type CommandResult, type HistoryEvent, type Notification } from '../api/models';
import type { Session } from '../auth/session';
import { formMessage, fieldMessages } from '../errors';
import { useLang, useT, type TextKey } from '../i18n';
import { reminderText } from '../notifications';
import { useReliableCommand } from '../reliable';
import { addDays, Field, Form, formatDate, formatTimestamp, LoadError, newId, SelectField, Status, TextAreaField, today, useLoad, useSubmit } from '../ui';

type ReportBody = { absenceId: string; employeeId: string; type: AbsenceType; from: string; to?: string; extentPercent: number; channel: 'mobile' | 'web'; comment?: string };

const sendReport = (_id: string, body: ReportBody) => call<CommandResult>(api.POST('/v1/absences', { body }));

/** The employee's own page: report sick or back in one tap, their absences, their reminders. */
export default function EmployeePage({ session }: { session: Session }) {
  const t = useT();
  const lang = useLang();
  const me = session.sub;
  const [position, setPosition] = useState<string | undefined>(undefined);
  const absences = useLoad(
    () =>
      call<{ absences: Absence[] }>(
        api.GET('/v1/employees/{employeeId}/absences', { params: { path: { employeeId: me }, query: { from: addDays(today(), -400), to: addDays(today(), 400) } } }),
      ).then((b) => b.absences),
    [me, position],
  );
  const reminders = useLoad(
    () => call<{ notifications: Notification[] }>(api.GET('/v1/notifications', { params: { query: { recipient: me } } })).then((b) => b.notifications),
    [me, position],
  );
  const changed = (result: CommandResult | null) => result && setPosition(result.position);

  const list = absences.data ?? [];
  const open = list.find((a) => a.to === null && a.status !== 'withdrawn');

  return (
    <div className="stack">
      <h1 className="visually-hidden">{t('navEmployee')}</h1>
      {session.name && (
        <p className="muted">
          {t('signedInAs')} {session.name}
        </p>
      )}
      {absences.loading && !absences.data ? <p role="status">{t('loading')}</p> : open ? <ReturnCard absence={open} onDone={changed} /> : <OneTap me={me} onDone={changed} />}

      <section aria-labelledby="todo" className="card">
        <h2 id="todo">{t('myReminders')}</h2>
        {reminders.error ? (
          <LoadError error={reminders.error} />
        ) : reminders.data && reminders.data.length > 0 ? (
          <ul className="reminders">
            {reminders.data.map((n) => (
              <li key={n.id}>{reminderText(n, lang)}</li>
            ))}
          </ul>
        ) : (
          <p>{reminders.data ? t('noReminders') : t('loading')}</p>
        )}
      </section>

      <OtherAbsence me={me} onDone={changed} />

      <section aria-labelledby="mine" className="card">
        <h2 id="mine">{t('myAbsences')}</h2>
        {absences.error ? <LoadError error={absences.error} /> : null}
        {absences.data && list.length === 0 && <p>{t('noAbsences')}</p>}
        <AbsenceList title={t('current')} items={list.filter((a) => a.to === null || a.to >= today()).reverse()} onDone={changed} />
        <AbsenceList title={t('past')} items={list.filter((a) => a.to !== null && a.to < today()).reverse()} onDone={changed} />
      </section>
    </div>
  );
}

/** "Sjukanmälan" and "VAB": one tap each, for today, open-ended, from the phone. */
function OneTap({ me, onDone }: { me: string; onDone: (r: CommandResult | null) => void }) {
  const t = useT();
  const lang = useLang();
  // The absenceId is chosen before the first try and kept until the report has gone through.
  const [ids, setIds] = useState(() => ({ sick: newId(), care_of_child: newId() }));
  const [done, setDone] = useState<AbsenceType | null>(null);
  const command = useReliableCommand(sendReport);
  const report = async (type: 'sick' | 'care_of_child') => {
    const result = await command.run(ids[type], { absenceId: ids[type], employeeId: me, type, from: today(), extentPercent: 100, channel: 'mobile' });
    if (result) {
      setDone(type);
      setIds((x) => ({ ...x, [type]: newId() }));
      onDone(result);
    }
  };
  return (
    <section aria-labelledby="report" className="card">
      <h2 id="report" className="visually-hidden">
        {t('reportSick')}
      </h2>
      <div className="one-tap">
        <button type="button" className="big primary" disabled={command.busy} onClick={() => void report('sick')}>
          {t('reportSick')}
          <span className="sub">{t('reportSickHint')}</span>
        </button>
        <button type="button" className="big" disabled={command.busy} onClick={() => void report('care_of_child')}>
          {t('reportVab')}
          <span className="sub">{t('reportVabHint')}</span>
        </button>
      </div>
      {command.offline && <Status kind="warn">{t('offline')}</Status>}
      {command.failure !== undefined && !command.offline && <Status kind="error">{formMessage(command.failure, lang)}</Status>}
      {command.failure !== undefined && command.offline && <Status kind="error">{formMessage(command.failure, lang)}</Status>}
      {done && !command.busy && <Status kind="ok">{done === 'sick' ? t('reportedSick') : t('reportedVab')}</Status>}
    </section>
  );
}

/** "Friskanmälan" on the open case: back tomorrow by default, another last day if needed. */
function ReturnCard({ absence, onDone }: { absence: Absence; onDone: (r: CommandResult | null) => void }) {
  const t = useT();
  const lang = useLang();
  const [key] = useState(newId);
  const [other, setOther] = useState(false);
  const [lastDay, setLastDay] = useState(today());
  const command = useReliableCommand((id: string, body: { lastDay: string }) =>
    call<CommandResult>(api.POST('/v1/absences/{id}/return', { params: { path: { id: absence.absenceId } }, body, headers: { 'Idempotency-Key': id } })),
  );
  const back = async (day: string) => onDone(await command.run(`${key}-${day}`.slice(0, 100), { lastDay: day }));
  const fields = command.failure !== undefined ? fieldMessages(command.failure, lang) : {};
  return (
    <section aria-labelledby="open-case" className="card open-case">
      <h2 id="open-case">{t('openCase')}</h2>
      <p>
        {t(`type_${absence.type}` as TextKey)} {t('since')} {formatDate(absence.from, lang)}
        {absence.extentPercent !== 100 ? `, ${absence.extentPercent} %` : ''}
      </p>
      <button type="button" className="big primary" disabled={command.busy} onClick={() => void back(today())}>
        {t('reportBack')}
        <span className="sub">{t('reportBackHint')}</span>
      </button>
      {!other ? (
        <button type="button" className="link" onClick={() => setOther(true)}>
          {t('otherLastDay')}
        </button>
      ) : (
        <Form onSubmit={() => void back(lastDay)} busy={command.busy} message={null} submitLabel={t('reportBackOn')}>
          <Field label={t('lastDay')} type="date" value={lastDay} onChange={setLastDay} error={fields.lastDay} required />
        </Form>
      )}
      {command.offline && <Status kind="warn">{t('offline')}</Status>}
      {command.failure !== undefined && <Status kind="error">{formMessage(command.failure, lang)}</Status>}
    </section>
  );
}

/** Another type, or other days: a short form. Late reports get a kind word about sick pay. */
function OtherAbsence({ me, onDone }: { me: string; onDone: (r: CommandResult | null) => void }) {
  const t = useT();
  const [openForm, setOpenForm] = useState(false);
  const [id, setId] = useState(newId);
  const [type, setType] = useState<AbsenceType>('sick');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState('');
  const [extent, setExtent] = useState('100');
  const [comment, setComment] = useState('');
  const form = useSubmit(
    () =>
      sendReport(id, {
        absenceId: id,
        employeeId: me,
        type,
        from,
        ...(to ? { to } : {}),
        extentPercent: Number(extent),
        channel: 'web',
        ...(comment ? { comment } : {}),
      }),
    (result) => {
      setId(newId());
      setOpenForm(false);
      onDone(result);
    },
  );
  const late = (type === 'sick' || type === 'care_of_child' || type === 'work_injury') && from !== '' && from < today();
  return (
    <section aria-labelledby="other" className="card">
      <h2 id="other">
        <button type="button" className="disclosure" aria-expanded={openForm} onClick={() => setOpenForm(!openForm)}>
          {t('otherAbsence')}
        </button>
      </h2>
      {openForm && (
        <Form onSubmit={() => void form.submit()} busy={form.busy} message={form.message} submitLabel={t('send')}>
          <SelectField label={t('type')} value={type} onChange={(v) => setType(v as AbsenceType)} options={ABSENCE_TYPES.map((x) => [x, t(`type_${x}` as TextKey)])} error={form.fields.type} />
          <Field label={t('from')} type="date" value={from} onChange={setFrom} error={form.fields.from} required />
          <Field label={t('to')} hint={t('toHint')} type="date" value={to} onChange={setTo} error={form.fields.to} />
          <Field label={t('extent')} type="number" inputMode="numeric" min={1} max={100} value={extent} onChange={setExtent} error={form.fields.extentPercent} />
          <TextAreaField label={t('comment')} value={comment} onChange={setComment} error={form.fields.comment} />
          {late && (
            <p className="note" role="note">
              {t('lateNote')}
            </p>
          )}
        </Form>
      )}
    </section>
  );
}

function AbsenceList({ title, items, onDone }: { title: string; items: Absence[]; onDone: (r: CommandResult | null) => void }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="plain cases">
        {items.map((a) => (
          <li key={a.absenceId}>
            <AbsenceItem absence={a} onDone={onDone} />
          </li>
        ))}
      </ul>
    </>
  );
}

function AbsenceItem({ absence: a, onDone }: { absence: Absence; onDone: (r: CommandResult | null) => void }) {
  const t = useT();
  const lang = useLang();
  const [action, setAction] = useState<null | 'history' | 'certificate' | 'correct' | 'withdraw'>(null);
  const toggle = (x: typeof action) => setAction(action === x ? null : x);
  const days = a.to === null ? `${formatDate(a.from, lang)} – ${t('openEnded')}` : a.from === a.to ? formatDate(a.from, lang) : `${formatDate(a.from, lang)} – ${formatDate(a.to, lang)}`;
  const live = a.status !== 'withdrawn';
  return (
    <article className="case" aria-label={`${t(`type_${a.type}` as TextKey)} ${days}`}>
      <p className="case-head">
        <strong>{t(`type_${a.type}` as TextKey)}</strong> {days}
        {a.extentPercent !== 100 ? ` · ${a.extentPercent} %` : ''}
      </p>
      <p className={`badge badge-${a.status}`}>{t(`status_${a.status}` as TextKey)}</p>
      {a.status === 'rejected' && a.rejectionReason && <p>”{a.rejectionReason}”</p>}
      <div className="row">
        <button type="button" className="small" aria-expanded={action === 'history'} onClick={() => toggle('history')}>
          {t('showHistory')}
        </button>
        {live && (a.type === 'sick' || a.type === 'work_injury') && (
          <button type="button" className="small" aria-expanded={action === 'certificate'} onClick={() => toggle('certificate')}>
            {t('certificate')}
          </button>
        )}
        {live && (
          <button type="button" className="small" aria-expanded={action === 'correct'} onClick={() => toggle('correct')}>
            {t('correct')}
          </button>
        )}
        {live && (
          <button type="button" className="small" aria-expanded={action === 'withdraw'} onClick={() => toggle('withdraw')}>
            {t('withdraw')}
          </button>
        )}
      </div>
      {action === 'history' && <History absenceId={a.absenceId} />}
      {action === 'certificate' && <CertificateForm absence={a} onDone={(r) => (setAction(null), onDone(r))} />}
      {action === 'correct' && <CorrectForm absence={a} onDone={(r) => (setAction(null), onDone(r))} />}
      {action === 'withdraw' && <WithdrawForm absence={a} onDone={(r) => (setAction(null), onDone(r))} />}
    </article>
  );
}

const EVENT_SV: Record<string, string> = {
  AbsenceReported: 'Anmäld',
  ReturnReported: 'Friskanmäld',
  AbsenceCorrected: 'Ändrad',
  AbsenceWithdrawn: 'Tillbakatagen',
  AbsenceAttested: 'Attesterad',
  AbsenceRejected: 'Skickad tillbaka',
  MedicalCertificateRegistered: 'Läkarintyg registrerat',
};

export function eventLabel(type: string, lang: string): string {
  return lang === 'en' ? type.replace(/([a-z])([A-Z])/g, '$1 $2') : (EVENT_SV[type] ?? type);
}

function History({ absenceId }: { absenceId: string }) {
  const t = useT();
  const lang = useLang();
  const history = useLoad(() => call<{ events: HistoryEvent[] }>(api.GET('/v1/absences/{id}/history', { params: { path: { id: absenceId } } })), [absenceId]);
  if (history.error) return <LoadError error={history.error} />;
  if (!history.data) return <p role="status">{t('loading')}</p>;
  return (
    <ol className="history" aria-label={t('history')}>
      {history.data.events.map((e) => (
        <li key={e.version}>
          <span>{formatTimestamp(e.recordedAt, lang)}</span> <strong>{eventLabel(e.type, lang)}</strong>
          {typeof e.data.reason === 'string' ? <span> – ”{e.data.reason}”</span> : null}
        </li>
      ))}
    </ol>
  );
}

function CertificateForm({ absence, onDone }: { absence: Absence; onDone: (r: CommandResult) => void }) {
  const t = useT();
  const [key] = useState(newId);
  const [from, setFrom] = useState(absence.from);
  const [to, setTo] = useState(absence.to ?? addDays(absence.from, 13));
  const [extent, setExtent] = useState(String(absence.extentPercent));
  const form = useSubmit(
    () =>
      call<CommandResult>(
        api.POST('/v1/absences/{id}/medical-certificates', { params: { path: { id: absence.absenceId } }, body: { from, to, extentPercent: Number(extent) }, headers: { 'Idempotency-Key': key } }),
      ),
    onDone,
  );
  return (
    <Form onSubmit={() => void form.submit()} busy={form.busy} message={form.message} submitLabel={t('certificate')}>
      <Field label={t('from')} type="date" value={from} onChange={setFrom} error={form.fields.from} />
      <Field label={t('to')} type="date" value={to} onChange={setTo} error={form.fields.to} />
      <Field label={t('extent')} type="number" min={1} max={100} value={extent} onChange={setExtent} error={form.fields.extentPercent} />
    </Form>
  );
}

function CorrectForm({ absence, onDone }: { absence: Absence; onDone: (r: CommandResult) => void }) {
  const t = useT();
  const [key] = useState(newId);
  const [type, setType] = useState<AbsenceType>(absence.type);
  const [from, setFrom] = useState(absence.from);
  const [to, setTo] = useState(absence.to ?? '');
  const [extent, setExtent] = useState(String(absence.extentPercent));
  const [reason, setReason] = useState('');
  const form = useSubmit(
    () =>
      call<CommandResult>(
        api.POST('/v1/absences/{id}/corrections', {
          params: { path: { id: absence.absenceId } },
          body: {
            ...(type !== absence.type ? { type } : {}),
            ...(from !== absence.from ? { from } : {}),
            ...(to && to !== absence.to ? { to } : {}),
            ...(Number(extent) !== absence.extentPercent ? { extentPercent: Number(extent) } : {}),
            reason,
            expectedVersion: absence.version,
          } as never,
          headers: { 'Idempotency-Key': key },
        }),
      ),
    onDone,
  );
  return (
    <Form onSubmit={() => void form.submit()} busy={form.busy} message={form.message} submitLabel={t('correct')}>
      <SelectField label={t('type')} value={type} onChange={(v) => setType(v as AbsenceType)} options={ABSENCE_TYPES.map((x) => [x, t(`type_${x}` as TextKey)])} error={form.fields.type} />
      <Field label={t('from')} type="date" value={from} onChange={setFrom} error={form.fields.from} />
      <Field label={t('to')} type="date" value={to} onChange={setTo} error={form.fields.to} />
      <Field label={t('extent')} type="number" min={1} max={100} value={extent} onChange={setExtent} error={form.fields.extentPercent} />
      <TextAreaField label={t('reason')} value={reason} onChange={setReason} error={form.fields.reason} />
    </Form>
  );
}

function WithdrawForm({ absence, onDone }: { absence: Absence; onDone: (r: CommandResult) => void }) {
  const t = useT();
  const [key] = useState(newId);
  const [reason, setReason] = useState('');
  const form = useSubmit(
    () =>
      call<CommandResult>(
        api.POST('/v1/absences/{id}/withdrawal', { params: { path: { id: absence.absenceId } }, body: { reason, expectedVersion: absence.version }, headers: { 'Idempotency-Key': key } }),
      ),
    onDone,
  );
  return (
    <Form onSubmit={() => void form.submit()} busy={form.busy} message={form.message} submitLabel={t('withdraw')}>
      <p className="hint">{t('withdrawHint')}</p>
      <TextAreaField label={t('reason')} value={reason} onChange={setReason} error={form.fields.reason} />
    </Form>
  );
}
