import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import type { AbsenceType, Channel } from './absence-types';
import type { AttesterCapacity } from '../attestation/who-attests';
import { streamIds } from '../shared/stream-ids';

/** Stream `absence-<absenceId>`: one absence case (frånvaroärende). */
const ABSENCE_STREAMS = streamIds('absence-');
export const absenceStreamId = (absenceId: string): string => ABSENCE_STREAMS.streamIdOf(absenceId);
/** The absenceId of a `absence-…` stream id. */
export const absenceIdOfStream = (streamId: string): string => ABSENCE_STREAMS.idOf(streamId);

/** Frånvaroanmälan / sjukanmälan. */
export type AbsenceReported = DomainEvent<
  'AbsenceReported',
  {
    absenceId: string;
    employeeId: string;
    departmentId: string;
    type: AbsenceType;
    from: IsoDate;
    to: IsoDate | null;
    extentPercent: number;
    channel: Channel | null;
    comment: string | null;
    /**
     * When the employee told the employer (SjLL 8 §), stated by a manager or HR who registers a
     * report made by phone. Absent: the recording time is the notification time.
     */
    employerNotifiedAt?: string;
  }
>;
/** Friskanmälan: the last day of an open-ended absence. */
export type ReturnReported = DomainEvent<'ReturnReported', { lastDay: IsoDate }>;
export type AbsenceCorrected = DomainEvent<
  'AbsenceCorrected',
  {
    type?: AbsenceType;
    from?: IsoDate;
    to?: IsoDate;
    extentPercent?: number;
    departmentId?: string;
    /** A corrected notification time (SjLL 8 §). */
    employerNotifiedAt?: string;
    reason: string;
  }
>;
export type AbsenceWithdrawn = DomainEvent<'AbsenceWithdrawn', { reason: string }>;
/**
 * Beslutsattest of one exact version of the case, and in what capacity the attester attested
 * (absent in events recorded before capacities were).
 */
export type AbsenceAttested = DomainEvent<
  'AbsenceAttested',
  {
    attestedVersion: number;
    capacity?: AttesterCapacity;
    /** The manager found the employee prevented from reporting (SjLL 8 §): sick pay from the first day. Written only when true. */
    preventedFromReporting?: true;
  }
>;
/** Returned to the employee for correction. */
export type AbsenceRejected = DomainEvent<'AbsenceRejected', { rejectedVersion: number; reason: string; capacity?: AttesterCapacity }>;
/** Läkarintyg registered for part of the case. */
export type MedicalCertificateRegistered = DomainEvent<
  'MedicalCertificateRegistered',
  { from: IsoDate; to: IsoDate; extentPercent: number }
>;

export type AbsenceEvent =
  | AbsenceReported
  | ReturnReported
  | AbsenceCorrected
  | AbsenceWithdrawn
  | AbsenceAttested
  | AbsenceRejected
  | MedicalCertificateRegistered;

export const ABSENCE_EVENT_TYPES: ReadonlyArray<AbsenceEvent['type']> = [
  'AbsenceReported',
  'ReturnReported',
  'AbsenceCorrected',
  'AbsenceWithdrawn',
  'AbsenceAttested',
  'AbsenceRejected',
  'MedicalCertificateRegistered',
];
