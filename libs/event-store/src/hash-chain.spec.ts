import { canonicalJson, chainHash, sha256Hex } from './hash-chain';

describe('hash chain', () => {
  it('sha256Hex is the hex sha256 of the UTF-8 text (golden value: stored chains must keep verifying)', () => {
    expect(sha256Hex('prév{"a":1}')).toBe('5d6e3077f8b8fa82771a4fcac4b83fdb3f0837f99526431e24d63344634adfa0');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('chains on the previous hash and the canonical event, keys sorted at every depth', () => {
    const content = {
      streamId: 'absence-1',
      revision: 0n,
      id: 'e1',
      type: 'AbsenceReported',
      data: { b: 1, a: { d: 2, c: 3 } },
      recordedAt: '2026-03-02T07:00:00.000Z',
      actor: { sub: 'E1', roles: ['employee'] },
    };
    const first = chainHash('', content);
    expect(first).toBe(sha256Hex(canonicalJson({ ...content, revision: '0' })));
    expect(chainHash('', { ...content, data: { a: { c: 3, d: 2 }, b: 1 } })).toBe(first);
    expect(chainHash(first, content)).not.toBe(first);
    expect(chainHash('', { ...content, data: { b: 2, a: { d: 2, c: 3 } } })).not.toBe(first);
  });
});
