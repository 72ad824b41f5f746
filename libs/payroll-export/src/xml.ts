/** Characters XML 1.0 cannot carry at all (not even as character references). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function assertXmlChars(value: string, what: string): void {
  const m = NOT_XML_CHAR.exec(value);
  if (m) {
    const cp = m[0].codePointAt(0) ?? 0;
    throw new RangeError(`${what} contains U+${cp.toString(16).toUpperCase().padStart(4, '0')}, which XML 1.0 cannot represent`);
  }
}

/** Escapes character data: & < > (and CR, which a parser would otherwise turn into LF). */
export function escapeText(value: string, what = 'text'): string {
  assertXmlChars(value, what);
  return value.replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' })[c] as string);
}

/** Escapes a double-quoted attribute value, including whitespace that attribute normalisation would flatten. */
export function escapeAttr(value: string, what = 'attribute'): string {
  assertXmlChars(value, what);
  return value.replace(
    /[&<>"\t\n\r]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c] as string,
  );
}
