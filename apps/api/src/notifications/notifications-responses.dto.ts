import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS } from '@ledger/domain';

/** GET /v1/notifications (OpenAPI schemas). */
export class NotificationDto {
  @ApiProperty({ example: '6b0f7c1e-3d2a-5e4f-9a8b-7c6d5e4f3a2b', format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'return_report_missing' }) kind!: string;
  @ApiProperty({ example: 'E1', description: 'Employee id of the person reminded' }) recipient!: string;
  @ApiProperty({ example: '3f0c5d52-9a4e-4f7b-8d0e-2b1c6a7e9f10', nullable: true, type: String }) absenceId!: string | null;
  @ApiProperty({ example: 'E1' }) employeeId!: string;
  @ApiProperty({ example: '2026-03-09T23:00:00.000Z', format: 'date-time' }) dueAt!: string;
  @ApiProperty({ example: '2026-03-09T05:00:00.000Z', format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { date: '2026-03-04', discrepancyKind: 'unreported_absence', cutoff: '2026-04-10' },
    description:
      'What the recipient needs to act, by kind: attestation_due { cutoff, from, to, version, routedFrom }; discrepancy { date, discrepancyKind, source, cutoff }; ' +
      'absence_rejected { reason, version }; sickness_during_planned_leave { plannedAbsenceId, plannedType, from, to }; ' +
      'return_report_missing { from }; medical_certificate_due { from, day8 }; fk_report_due { periodStart }; return_to_work_plan_due { periodStart }; rehab_review_due { firstOccasion }',
  })
  details!: Record<string, unknown>;
}

export class NotificationsPageDto {
  @ApiProperty({ example: 'E1' }) recipient!: string;
  @ApiProperty({ type: [NotificationDto] }) notifications!: NotificationDto[];
  @ApiProperty({ example: null, nullable: true, type: String, description: 'Pass as `after` for the next page; null on the last' }) next!: string | null;
}
