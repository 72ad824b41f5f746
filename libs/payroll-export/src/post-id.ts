import { hash } from 'node:crypto';

/** Largest value of the XSD's postid type (integerTYPE = restriction of xs:int). */
export const POSTID_MAX = 2_147_483_647;

/**
 * A stable PAXml `postid` for a payroll line.
 *
 * The XSD types `postid` as `integerTYPE`, a restriction of `xs:int` (32-bit signed), so the id is
 * derived by hashing: the first 4 bytes of SHA-256(UTF-8 lineId), big-endian, reduced into
 * 1..2147483647 (positive, never 0). The same lineId gives the same postid in every run and
 * version: this mapping is part of the export format and must not change, because payroll systems
 * use postid to recognise transactions they have already imported.
 *
 * 31 bits cannot be collision-free: with n distinct lines the chance that two share a postid is
 * about n²/2³². toPaxmlExport refuses a document in which two distinct lines collide.
 */
export function postIdFor(lineId: string): string {
  const digest = hash('sha256', lineId, 'buffer');
  const n = (digest.readUInt32BE(0) % POSTID_MAX) + 1;
  return String(n);
}
