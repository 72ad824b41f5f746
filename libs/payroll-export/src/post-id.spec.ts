import { POSTID_MAX, postIdFor } from '@ledger/payroll-export';

/** SHA-256(UTF-8 lineId), first 4 bytes big-endian, mod 2147483647, plus 1. */
const GOLDEN_1 = '1480359258';
const GOLDEN_2 = '841555991';

describe('postIdFor', () => {
  it('is a pinned function of lineId: the same postid in every run and version', () => {
    // Payroll systems remember imported postids; changing the mapping would re-identify every line.
    expect(postIdFor('abs-1:2025-03-03')).toBe(GOLDEN_1);
    expect(postIdFor('SJK_LÖN')).toBe(GOLDEN_2);
    expect(postIdFor('abs-1:2025-03-03')).toBe(postIdFor('abs-1:2025-03-03'));
  });

  it('is a valid xs:int in 1..2147483647 (the XSD integerTYPE), written without sign or leading zeros', () => {
    for (let i = 0; i < 2000; i++) {
      const id = postIdFor(`line-${i}`);
      expect(id).toMatch(/^[1-9]\d*$/);
      expect(Number(id)).toBeLessThanOrEqual(POSTID_MAX);
    }
  });

  it('gives distinct postids to a few thousand distinct lineIds', () => {
    const ids = new Map<string, string>();
    const employees = 50;
    for (let e = 0; e < employees; e++) {
      for (let d = 1; d <= 31; d++) {
        for (const suffix of ['', ':adj:2025-04', ':adj:2025-05']) {
          const lineId = `3f0c${String(e).padStart(4, '0')}-7d2e-4c1a-9b1e-${String(e * 7919).padStart(12, '0')}:2025-03-${String(d).padStart(2, '0')}${suffix}`;
          const postId = postIdFor(lineId);
          expect(ids.get(postId) ?? lineId).toBe(lineId);
          ids.set(postId, lineId);
        }
      }
    }
    expect(ids.size).toBe(employees * 31 * 3);
  });

  it('tells apart ids that differ only slightly', () => {
    expect(postIdFor('a')).not.toBe(postIdFor('b'));
    expect(postIdFor('line-1')).not.toBe(postIdFor('line-1 '));
    expect(postIdFor('')).toMatch(/^[1-9]\d*$/);
  });
});
