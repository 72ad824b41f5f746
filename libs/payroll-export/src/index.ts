export { PAYROLL_LINE_FIELDS } from './types';
export type { PayrollLine, PayrollPeriodExport } from './types';
export { toJsonExport } from './json-export';
export { toCsvExport } from './csv-export';
export { toPaxmlExport, PostIdCollisionError, PAXML_SCHEMA_LOCATION } from './paxml-export';
export type { PaxmlExportOptions } from './paxml-export';
export { postIdFor, POSTID_MAX } from './post-id';
export { PAXML_TIDKODER, normalizeTidkod } from './tidkod';
export type { PaxmlTidkod } from './tidkod';
