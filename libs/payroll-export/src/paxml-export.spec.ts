import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateXML, XMLValidationResult } from 'xmllint-wasm';
import { PAXML_TIDKODER, PostIdCollisionError, encodeXmlText, postIdFor, toPaxmlExport } from '@ledger/payroll-export';
import { emptyPeriod, line, marchPeriod } from './__fixtures__/lines';

const XSD_PATH = resolve(__dirname, '../../../test/fixtures/paxml/paxml-2.0.xsd');
/** The official schema, as its raw ISO-8859-1 bytes: libxml2 decodes them per the XML declaration. */
const XSD_BYTES = new Uint8Array(readFileSync(XSD_PATH));
const XSD_TEXT = Buffer.from(XSD_BYTES).toString('latin1');

function utf8(xml: string): Uint8Array {
  return new Uint8Array(Buffer.from(xml, 'utf8'));
}

async function validate(xml: string | Uint8Array): Promise<XMLValidationResult> {
  return validateXML({
    xml: [{ fileName: 'export.xml', contents: typeof xml === 'string' ? utf8(xml) : xml }],
    schema: [{ fileName: 'paxml-2.0.xsd', contents: XSD_BYTES }],
  });
}

async function expectValid(xml: string): Promise<void> {
  const result = await validate(xml);
  expect(result.errors.map((e) => e.message)).toEqual([]);
  expect(result.valid).toBe(true);
}

/** Fails schema validation (not merely well-formedness) with a message matching `pattern`. */
async function expectSchemaInvalid(xml: string, pattern: RegExp): Promise<void> {
  const result = await validate(xml);
  expect(result.valid).toBe(false);
  const messages = result.errors.map((e) => e.message).join('\n');
  expect(messages).toContain('Schemas validity error');
  expect(messages).toMatch(pattern);
}

/** libxml2's own parse of the bytes, written back out canonically (UTF-8). */
async function reparse(bytes: Uint8Array): Promise<string> {
  const result = await validateXML({ xml: [{ fileName: 'export.xml', contents: bytes }], normalization: 'c14n' });
  return result.normalized;
}

describe('the PAXml 2.0 schema fixture', () => {
  it('is the ISO-8859-1 encoded official schema', () => {
    expect(XSD_TEXT.startsWith('<?xml version="1.0" encoding="iso-8859-1"?>')).toBe(true);
    // "Ö" of SJK_LÖN is the single byte 0xD6 in ISO-8859-1.
    expect(Buffer.from(XSD_BYTES).includes(Buffer.from('SJK_L\xD6N', 'latin1'))).toBe(true);
  });

  it('has exactly the tidkod enumeration the library knows', () => {
    const type = /<xs:simpleType name="tidkodTYPE">([\s\S]*?)<\/xs:simpleType>/.exec(XSD_TEXT);
    const values = [...(type?.[1] ?? '').matchAll(/<xs:enumeration value="([^"]*)"\/>/g)].map((m) => m[1]);
    expect(values).toEqual([...PAXML_TIDKODER]);
  });

  it('knows every tidkod of docs/domain.md', () => {
    const design = ['SJK_KAR', 'SJK_LÖN', 'SJK_ERS', 'SJK_PEN', 'VAB', 'FPE', 'SEM', 'TJL', 'KOM', 'ASK', 'NÄR', 'HAV', 'UTB', 'MIL', 'FAC'];
    for (const code of design) expect(PAXML_TIDKODER).toContain(code);
  });
});

describe('toPaxmlExport', () => {
  it('validates against the XSD: SJK_LÖN, NÄR, part-time, and a negative adjustment line', async () => {
    await expectValid(toPaxmlExport(marchPeriod(), { companyName: 'Exempels kommun', orgNumber: '212000-0142' }));
  });

  it('validates with an unpaid SJK day (SjLL 8 §) and flagged lines, saying why in info', async () => {
    const period = {
      ...marchPeriod(),
      lines: [
        line({ lineId: 'u1', code: 'SJK', sickDay: null, unpaidReason: 'not_reported' }),
        line({ lineId: 'h1', code: 'SJK_LÖN', sickDay: 2, flags: ['high_risk_protection'] }),
        line({ lineId: 'e1', code: 'SJK_ERS', sickDay: 15, extentPercent: 60, hours: 4.8, flags: ['extent_not_payable_from_day_15'] }),
      ],
    };
    const xml = toPaxmlExport(period);
    await expectValid(xml);
    expect(xml).toContain('<tidkod>SJK</tidkod>');
    expect(xml).toContain('<info>Ej sjukanmäld (SjLL 8 §)</info>');
    expect(xml).toContain('<info>Sjukdag 2; Särskilt högriskskydd</info>');
    expect(xml).toContain('<info>Sjukdag 15; Omfattning som FK inte betalar</info>');
  });

  it('validates for an empty period (tidtransaktioner left out) and without options', async () => {
    const xml = toPaxmlExport(emptyPeriod());
    expect(xml).not.toContain('tidtransaktioner');
    await expectValid(xml);
  });

  it('validates with every docs/domain.md tidkod and awkward text', async () => {
    const codes = ['SJK_KAR', 'SJK_LÖN', 'SJK_ERS', 'SJK_PEN', 'VAB', 'FPE', 'SEM', 'TJL', 'KOM', 'ASK', 'NÄR', 'HAV', 'UTB', 'MIL', 'FAC'];
    const p = marchPeriod();
    p.lines = codes.map((code, i) =>
      line({
        lineId: `x-${i}`,
        employeeId: `E&<"'>${i % 3}`,
        absenceId: `a]]>${i}`,
        code,
        date: `2025-03-${String(i + 1).padStart(2, '0')}`,
        hours: i === 0 ? -0.004 : 1.005 * i,
        extentPercent: i === 1 ? 33.33 : 100,
      }),
    );
    const xml = toPaxmlExport(p, { companyName: 'Kommun & <Bolag> "AB"', orgNumber: '556677889900' });
    await expectValid(xml);
    expect(xml).toContain('anstid="E&amp;&lt;&quot;\'&gt;0"');
    expect(xml).toContain('<samlingsid>a]]&gt;0</samlingsid>');
    expect(xml).toContain('<timmar>0.00</timmar>'); // -0.004 rounds to zero, no "-0.00"
    expect(xml).toContain('<timmar>1.01</timmar>'); // 1.005 rounds half up in decimal terms
    expect(xml).toContain('<omfattning>33.33</omfattning>');
  });

  it('emits each line as tidtrans anstid/postid with tidkod, datum, timmar and the optional details', () => {
    const xml = toPaxmlExport(marchPeriod());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<paxml ')).toBe(true);
    expect(xml).toContain(
      [
        `    <tidtrans anstid="E-100" postid="${postIdFor('abs-1:2025-03-05')}">`,
        '      <tidkod>SJK_LÖN</tidkod>',
        '      <datum>2025-03-05</datum>',
        '      <timmar>3.20</timmar>',
        '      <omfattning>40</omfattning>',
        '      <samlingsid>abs-1</samlingsid>',
        '      <info>Sjukdag 3</info>',
        '    </tidtrans>',
      ].join('\n'),
    );
    expect(xml).toContain(
      [
        `    <tidtrans anstid="E-200" postid="${postIdFor('abs-3:2025-02-27:adj:2025-03')}">`,
        '      <tidkod>VAB</tidkod>',
        '      <datum>2025-02-27</datum>',
        '      <timmar>-8.00</timmar>',
        '      <omfattning>100</omfattning>',
        '      <samlingsid>abs-3</samlingsid>',
        '      <info>Justering av period 2025-02</info>',
        '    </tidtrans>',
      ].join('\n'),
    );
    expect((xml.match(/<tidtrans /g) ?? []).length).toBe(5);
  });

  it('marks each employee with attested lines once, before their first tidtrans', () => {
    const xml = toPaxmlExport(marchPeriod());
    const attesterat = xml.match(/<attesterat [^>]*\/>/g);
    expect(attesterat).toEqual([
      '<attesterat anstid="E-100" datum="2025-04-02" datumfrom="2025-03-03" datumtom="2025-03-05"/>',
      // latest attestation 2025-03-31T22:30Z is 1 April in Stockholm; span includes the adjusted day
      '<attesterat anstid="E-200" datum="2025-04-01" datumfrom="2025-02-27" datumtom="2025-03-10"/>',
    ]);
    expect(xml.indexOf('<attesterat anstid="E-200"')).toBeLessThan(xml.indexOf('<tidtrans anstid="E-200"'));
    expect(xml.indexOf('<attesterat anstid="E-200"')).toBeGreaterThan(xml.lastIndexOf('<tidtrans anstid="E-100"'));
  });

  it('leaves out attesterat for an employee without attested lines', async () => {
    const p = marchPeriod();
    p.lines = p.lines.filter((l) => l.employeeId === 'E-200').map((l) => ({ ...l, attestedBy: '' }));
    const xml = toPaxmlExport(p);
    expect(xml).not.toContain('attesterat');
    await expectValid(xml);
  });

  it('writes a header with version 2.0, format, timestamp, company and period', () => {
    const xml = toPaxmlExport(marchPeriod(), { companyName: 'Exempels kommun', orgNumber: '212000-0142' });
    expect(xml).toContain(
      [
        '  <header>',
        '    <format>LÖNIN</format>',
        '    <version>2.0</version>',
        '    <datum>2025-04-11T05:00:00.000Z</datum>',
        '    <foretagorgnr>212000-0142</foretagorgnr>',
        '    <foretagnamn>Exempels kommun</foretagnamn>',
        '    <programnamn>Frånvaroliggaren</programnamn>',
        '    <info>Period 2025-03 (locked)</info>',
        '  </header>',
      ].join('\n'),
    );
  });

  it('is UTF-8 and Ö/Ä survive a round trip through the bytes', async () => {
    const bytes = utf8(toPaxmlExport(marchPeriod()));
    // Ö = C3 96 and Ä = C3 84 in UTF-8
    expect(Buffer.from(bytes).includes(Buffer.from([0x53, 0x4a, 0x4b, 0x5f, 0x4c, 0xc3, 0x96, 0x4e]))).toBe(true);
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(decoded).toContain('<tidkod>SJK_LÖN</tidkod>');
    expect(decoded).toContain('<tidkod>NÄR</tidkod>');
    const reparsed = await reparse(bytes);
    expect(reparsed).toContain('<tidkod>SJK_LÖN</tidkod>');
    expect(reparsed).toContain('<tidkod>NÄR</tidkod>');
  });

  it('accepts a decomposed (NFD) tidkod and writes the schema form', async () => {
    const p = marchPeriod();
    p.lines = [line({ lineId: 'nfd', code: 'SJK_LÖN'.normalize('NFD') })];
    const xml = toPaxmlExport(p);
    expect(xml).toContain('<tidkod>SJK_LÖN</tidkod>');
    await expectValid(xml);
  });

  it('rejects input the schema cannot carry', () => {
    const withLine = (overrides: Parameters<typeof line>[0]) => ({ ...marchPeriod(), lines: [line(overrides)] });
    expect(() => toPaxmlExport(withLine({ lineId: 'a', code: 'SJUK' }))).toThrow(/not a PAXml 2\.0 tidkod/);
    expect(() => toPaxmlExport(withLine({ lineId: 'a', date: '2025-02-30' }))).toThrow(/calendar date/);
    expect(() => toPaxmlExport(withLine({ lineId: 'a', hours: Number.NaN }))).toThrow(/finite/);
    expect(() => toPaxmlExport(withLine({ lineId: 'a', extentPercent: 0 }))).toThrow(/extentPercent/);
    expect(() => toPaxmlExport(withLine({ lineId: 'a', employeeId: 'E\u0001' }))).toThrow(/XML 1\.0/);
    expect(() => toPaxmlExport(marchPeriod(), { orgNumber: '16-212000-0142' })).toThrow(/12 characters/);
    expect(() => toPaxmlExport({ ...marchPeriod(), generatedAt: 'yesterday' })).toThrow(/generatedAt/);
    const dup = marchPeriod();
    dup.lines.push({ ...dup.lines[0] });
    expect(() => toPaxmlExport(dup)).toThrow(/appears twice/);
  });

  it('refuses two distinct lines with the same postid, and honours a postid override', async () => {
    expect(() => toPaxmlExport(marchPeriod(), { postIdOf: () => 42 })).toThrow(PostIdCollisionError);
    expect(() => toPaxmlExport(marchPeriod(), { postIdOf: () => 2147483648 })).toThrow(/1\.\.2147483647/);
    const xml = toPaxmlExport(marchPeriod(), { postIdOf: (l) => marchPeriod().lines.findIndex((m) => m.lineId === l.lineId) + 1 });
    expect(xml).toContain('<tidtrans anstid="E-100" postid="1">');
    await expectValid(xml);
  });
});

describe('the XSD validation really checks', () => {
  const good = toPaxmlExport(marchPeriod());

  it('rejects a tidkod outside the enumeration', async () => {
    await expectSchemaInvalid(good.replace('<tidkod>NÄR</tidkod>', '<tidkod>NAR</tidkod>'), /'tidkod'.*enumeration/);
  });

  it('rejects a decimal comma, a non-integer postid and a fraction-digit-heavy omfattning', async () => {
    await expectSchemaInvalid(good.replace('<timmar>3.20</timmar>', '<timmar>3,20</timmar>'), /'timmar'/);
    await expectSchemaInvalid(good.replace(/postid="\d+"/, 'postid="abc-1"'), /'postid'/);
    await expectSchemaInvalid(good.replace('<omfattning>40</omfattning>', '<omfattning>40.001</omfattning>'), /fractionDigits/);
  });

  it('rejects an empty tidtransaktioner, which is why an empty period leaves it out', async () => {
    const broken = toPaxmlExport(emptyPeriod()).replace('</paxml>', '  <tidtransaktioner></tidtransaktioner>\n</paxml>');
    await expectSchemaInvalid(broken, /'tidtransaktioner': Missing child/);
  });

  it('rejects attesterat inside tidtrans or after the last tidtrans', async () => {
    await expectSchemaInvalid(good.replace('<tidkod>VAB</tidkod>', '<tidkod>VAB</tidkod><attesterat anstid="E-200"/>'), /attesterat/);
    await expectSchemaInvalid(good.replace('  </tidtransaktioner>', '    <attesterat anstid="E-200"/>\n  </tidtransaktioner>'), /Missing child/);
  });

  it('rejects a header version other than 2.0', async () => {
    await expectSchemaInvalid(good.replace('<version>2.0</version>', '<version>2.1</version>'), /'version'/);
  });

  it('would mis-read the ISO-8859-1 schema if it were handed over as a decoded string (hence the raw bytes)', async () => {
    const result = await validateXML({
      xml: [{ fileName: 'export.xml', contents: utf8(good) }],
      schema: [{ fileName: 'paxml-2.0.xsd', contents: XSD_TEXT }], // written out as UTF-8 under a latin-1 declaration
    });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/The value 'SJK_LÖN' is not an element of the set/);
  });
});

describe('toPaxmlExport in ISO-8859-1', () => {
  it('declares ISO-8859-1, writes Ö as one byte, turns characters beyond Latin-1 into references, and still validates', async () => {
    const xml = toPaxmlExport(marchPeriod(), { encoding: 'ISO-8859-1', companyName: 'Malmö stad – lön €' });
    const bytes = encodeXmlText(xml, 'ISO-8859-1');
    expect(bytes.subarray(0, 44).toString('latin1')).toBe('<?xml version="1.0" encoding="ISO-8859-1"?>\n');
    expect(bytes.includes(Buffer.from('<tidkod>SJK_L\xD6N</tidkod>', 'latin1'))).toBe(true);
    expect(bytes.toString('latin1')).toContain('Malm\xF6 stad &#x2013; l\xF6n &#x20AC;');
    const result = await validate(new Uint8Array(bytes));
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(await reparse(new Uint8Array(bytes))).toContain('<foretagnamn>Malmö stad – lön €</foretagnamn>');
  });
});
