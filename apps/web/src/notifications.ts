import type { Lang } from './i18n';
import type { Notification } from './api/models';
import { formatDate } from './ui';

/** The calendar day a reminder's dueAt (24:00 Stockholm time of that day) belongs to. */
function dueDay(dueAt: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.parse(dueAt) - 1));
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** What a reminder asks the person to do, in plain words. */
export function reminderText(n: Notification, lang: Lang): string {
  const d = n.details ?? {};
  const due = formatDate(dueDay(n.dueAt), lang);
  const from = str(d.from) ?? str(d.certificateFrom) ?? str(d.date);
  const sv: Record<string, string> = {
    return_report_missing: `Är du tillbaka? Glöm inte att friskanmäla dig (senast ${due}).`,
    medical_certificate_due: `Läkarintyg behövs från ${from ? formatDate(from, lang) : due}.`,
    attestation_due: `Frånvaro väntar på din attest före ${due}.`,
    fk_report_due: `Anmäl sjukfallet till Försäkringskassan senast ${due}.`,
    return_to_work_plan_due: `Gör en plan för återgång i arbete senast ${due}.`,
    rehab_review_due: `Sex sjukperioder på tolv månader: ta ett rehabiliteringssamtal (${due}).`,
    discrepancy: `Frånvaro och närvaro stämmer inte ${from ? formatDate(from, lang) : ''}: gå igenom avvikelsen före ${due}.`,
    absence_rejected: `Din anmälan skickades tillbaka${str(d.reason) ? `: ”${str(d.reason)}”` : ''}. Ändra den under Mina frånvaron.`,
    sickness_during_planned_leave: `Du blev sjuk under planerad ledighet. Kontrollera dagarna (${due}).`,
  };
  const en: Record<string, string> = {
    return_report_missing: `Are you back? Remember to report back (by ${due}).`,
    medical_certificate_due: `A medical certificate is needed from ${from ? formatDate(from, lang) : due}.`,
    attestation_due: `Absence waits for your attestation before ${due}.`,
    fk_report_due: `Report the sick case to Försäkringskassan by ${due}.`,
    return_to_work_plan_due: `Make a return-to-work plan by ${due}.`,
    rehab_review_due: `Six sick periods in twelve months: hold a rehabilitation talk (${due}).`,
    discrepancy: `Absence and presence disagree ${from ? formatDate(from, lang) : ''}: work through it before ${due}.`,
    absence_rejected: `Your report was returned${str(d.reason) ? `: “${str(d.reason)}”` : ''}. Correct it under My absences.`,
    sickness_during_planned_leave: `You fell ill during planned leave. Check the days (${due}).`,
  };
  return (lang === 'en' ? en : sv)[n.kind] ?? n.kind;
}
