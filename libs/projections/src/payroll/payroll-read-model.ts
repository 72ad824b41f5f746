import type { PayrollLine } from '@ledger/payroll-export';
import type { ReadStore, StoredDocument, StoredJsonDocument } from '@ledger/read-store';
import { IsoMonth, monthBounds } from '@ledger/swedish-rules';
import {
  FACTS_COLLECTION,
  INITIAL_META,
  LineDocument,
  META_COLLECTION,
  META_STATE_KEY,
  OPEN_ENDED_KEY,
  OpenEndedRegistry,
  PayrollMeta,
  PeriodLine,
  ServedLines,
  StoredFacts,
  decodeFacts,
  decodeLines,
  linesCollection,
  servedLinesCollection,
  toPayrollLine,
} from './payroll-documents';
import { computeLines, employeeKeyOf, lineIdOf } from './payroll-lines';

export type PeriodStatus = 'open' | 'locked';

export interface PayrollLinesPage {
  period: IsoMonth;
  status: PeriodStatus;
  /** How many lines the page holds. */
  count: number;
  /** The lineId to pass as `after` for the next page; null on the last page. */
  next: string | null;
  /**
   * The page as the endpoint serves it, the UTF-8 JSON text of `{ period, status, lines, next }`
   * (docs/http-api.md "Payroll"): whole documents go out as the bytes they are stored as.
   */
  json: Buffer;
}

export interface PayrollPeriodLines {
  period: IsoMonth;
  status: PeriodStatus;
  lines: PayrollLine[];
  /** The PAXml postid of each line (same index). */
  postIds: number[];
}

/** A period's lines as read at one moment (see PayrollReadModel.snapshot). */
export interface PayrollPeriodSnapshot {
  period: IsoMonth;
  status: PeriodStatus;
  /** The lines in lineId order, about `size` at a time (whole documents: a batch may hold a few more). */
  batches(size: number): Generator<{ lines: PayrollLine[]; postIds: number[] }>;
}

/** Largest page the lines endpoint serves. */
export const MAX_PAGE_LIMIT = 10_000;

/** A document to read: stored (compact) or computed here. */
type Source = { key: string; stored: LineDocument } | { key: string; computed: PeriodLine[] };

/** A document of lines as served: stored JSON bytes, or lines (read in part, or computed here). */
type Served = StoredJsonDocument | { key: string; lines: PayrollLine[] };

/**
 * Reads the payroll lines of one period from the payroll projection's namespace.
 *
 * Lines come in lineId order. A page is `lineId > after`, at most `limit` lines, so paging with
 * the last lineId of each page as the next `after` returns every line at most once, and every line
 * that exists from the first page to the page whose range holds it: lineIds are deterministic,
 * a line keeps its lineId while its facts change, and a line that appears later either sorts
 * after the cursor (and is served) or before it (and was not there when the range was read).
 *
 * Pages are read from the served documents (the lines as JSON text, as the endpoint sends them);
 * the snapshot an export writes from is read from the compact ones, which also carry the postids.
 *
 * Months after the projection's horizon are served from stored lines, except for employees with
 * an attested open-ended case: their regular lines are computed here, with the case running to
 * the end of the month asked for (their postids are provisional: a sequence above every stored one,
 * unique within one read).
 */
export class PayrollReadModel {
  constructor(
    private readonly store: ReadStore,
    private readonly namespace: string,
  ) {}

  async meta(): Promise<PayrollMeta> {
    return (await this.store.get<PayrollMeta>(this.namespace, META_COLLECTION, META_STATE_KEY))?.value ?? INITIAL_META;
  }

  async status(period: IsoMonth): Promise<PeriodStatus> {
    return statusOf(await this.meta(), period);
  }

  /**
   * Lines with `lineId > after` (all when after is undefined), at most `limit`. A document the page
   * takes whole goes out as its stored text; only the one holding the cursor and the one the page
   * ends in are parsed.
   */
  async page(period: IsoMonth, options: { after?: string; limit: number }): Promise<PayrollLinesPage> {
    const { after, limit } = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) throw new RangeError(`limit must be 1..${MAX_PAGE_LIMIT}`);
    monthBounds(period); // validates
    const meta = await this.meta();
    const parts: Buffer[] = [];
    let count = 0;
    let last: Served | undefined;
    let more = false;
    // Read about as many documents as the page needs: start from a guess, then from the lines per
    // document seen so far, so a page reads little beyond its last line.
    const hint = { documents: Math.min(Math.ceil((limit + 1) / 16) + 1, 4096) };
    let documents = 0;
    let counted = 0;
    const add = (array: Buffer) => {
      // The array's items, after a comma from the items before them.
      if (parts.length > 0) parts.push(COMMA);
      parts.push(array.subarray(1, array.length - 1));
    };
    for await (const doc of this.servedSources(period, meta, after, hint)) {
      // The document holding the cursor is read in part: it says nothing about the others.
      const holding = after !== undefined && after.startsWith(doc.key);
      if ('json' in doc && !holding) {
        const n = linesIn(doc.json);
        if (count + n <= limit) {
          if (n > 0) add(doc.json);
          count += n;
          last = doc;
          documents++;
          counted += n;
          if (documents >= 8) hint.documents = Math.min(Math.ceil(((limit + 1 - count) / Math.max(counted / documents, 1)) * 1.1) + 1, 4096);
          continue;
        }
      }
      const lines = linesOf(doc);
      const fresh = after === undefined ? lines : lines.filter((l) => l.lineId > after);
      const taken = fresh.length <= limit - count ? fresh : fresh.slice(0, limit - count);
      if (taken.length > 0) {
        add(Buffer.from(JSON.stringify(taken)));
        count += taken.length;
        last = { key: doc.key, lines: taken };
      }
      if (taken.length < fresh.length) {
        more = true;
        break;
      }
    }
    const next = more && last !== undefined ? lastLineIdOf(last) : null;
    const status = statusOf(meta, period);
    const head = Buffer.from(`{"period":${JSON.stringify(period)},"status":${JSON.stringify(status)},"lines":[`);
    const json = Buffer.concat([head, ...parts, Buffer.from(`],"next":${JSON.stringify(next)}}`)]);
    return { period, status, count, next, json };
  }

  /** Every line of the period, in lineId order, with its postid. */
  async all(period: IsoMonth): Promise<PayrollPeriodLines> {
    const snapshot = await this.snapshot(period);
    const lines: PayrollLine[] = [];
    const postIds: number[] = [];
    for (const batch of snapshot.batches(MAX_PAGE_LIMIT)) {
      for (const l of batch.lines) lines.push(l);
      for (const p of batch.postIds) postIds.push(p);
    }
    return { period, status: snapshot.status, lines, postIds };
  }

  /**
   * Every line of the period as one state of the read model: its documents are read at once, in
   * their compact stored form, and expanded into lines (lineId order, with postids) a batch at a
   * time, so an export of any size holds its lines only a batch at a time.
   */
  async snapshot(period: IsoMonth): Promise<PayrollPeriodSnapshot> {
    monthBounds(period);
    const meta = await this.meta();
    const sources: Source[] = [];
    for await (const source of this.sources(period, meta)) sources.push(source);
    return {
      period,
      status: statusOf(meta, period),
      *batches(size: number) {
        let lines: PayrollLine[] = [];
        let postIds: number[] = [];
        for (const source of sources) {
          read(source, lines, postIds);
          if (lines.length >= size) {
            yield { lines, postIds };
            lines = [];
            postIds = [];
          }
        }
        if (lines.length > 0) yield { lines, postIds };
      },
    };
  }

  /** The period's documents in key order (= lineId order), compact. */
  private sources(period: IsoMonth, meta: PayrollMeta): AsyncGenerator<Source> {
    return this.merged<Source>(period, meta, undefined, {
      computed: (key, lines) => ({ key, computed: lines }),
      get: async (key) => {
        const doc = await this.store.get<LineDocument>(this.namespace, linesCollection(period), key);
        return doc && { key: doc.key, stored: doc.value };
      },
      scan: async (from, limit) =>
        (await this.store.scan<LineDocument>(this.namespace, linesCollection(period), { after: from, limit })).map((d: StoredDocument<LineDocument>) => ({
          key: d.key,
          stored: d.value,
        })),
      hint: { documents: 2048 },
    });
  }

  /** The same documents as served: stored JSON text where the page can send it as it is. */
  private servedSources(period: IsoMonth, meta: PayrollMeta, after: string | undefined, hint: { documents: number }): AsyncGenerator<Served> {
    return this.merged<Served>(period, meta, after, {
      computed: (key, lines) => ({ key, lines: lines.map(toPayrollLine) }),
      get: async (key) => {
        const doc = await this.store.get<ServedLines>(this.namespace, servedLinesCollection(period), key);
        return doc && { key: doc.key, lines: doc.value };
      },
      scan: (from, limit) => this.store.scanJson(this.namespace, servedLinesCollection(period), { after: from, limit }),
      hint,
    });
  }

  /**
   * Stored documents (read `hint.documents` at a time) merged with the computed ones of a month
   * after the horizon, which replace stored ones of the same key; in key order, from the document
   * whose lineIds start like `after` (it may hold lines on both sides of it) on.
   */
  private async *merged<D extends { key: string }>(
    period: IsoMonth,
    meta: PayrollMeta,
    after: string | undefined,
    read: {
      computed(key: string, lines: PeriodLine[]): D;
      get(key: string): Promise<D | undefined>;
      scan(after: string | undefined, limit: number): Promise<D[]>;
      hint: { documents: number };
    },
  ): AsyncGenerator<D> {
    const colon = after === undefined ? -1 : after.indexOf(':');
    const holding = after !== undefined && colon >= 0 ? after.slice(0, colon + 1) : undefined;
    const computed = await this.computedDocuments(period, meta);
    const replaced = new Set(computed.map((d) => d.key));
    let c = 0;
    if (after !== undefined) while (c < computed.length && (holding !== undefined ? computed[c].key < holding : computed[c].key <= after)) c++;

    const stored = async function* (): AsyncGenerator<D> {
      if (holding !== undefined) {
        const doc = await read.get(holding);
        if (doc !== undefined) yield doc;
      }
      let from = holding ?? after;
      while (true) {
        const size = Math.max(1, read.hint.documents);
        const docs = await read.scan(from, size);
        for (const doc of docs) yield doc;
        if (docs.length < size) return;
        from = docs[docs.length - 1].key;
      }
    };
    for await (const doc of stored()) {
      while (c < computed.length && computed[c].key < doc.key) yield read.computed(computed[c].key, computed[c++].lines);
      if (replaced.has(doc.key)) continue;
      yield doc;
    }
    while (c < computed.length) yield read.computed(computed[c].key, computed[c++].lines);
  }

  /**
   * For a month after the horizon: the lines of employees with an open-ended case, computed with
   * the case running to the month's end, plus their stored adjustment lines. Sorted by key.
   */
  private async computedDocuments(period: IsoMonth, meta: PayrollMeta): Promise<Array<{ key: string; lines: PeriodLine[] }>> {
    if (meta.horizon === null || period <= meta.horizon) return [];
    const registry = await this.store.get<OpenEndedRegistry>(this.namespace, META_COLLECTION, OPEN_ENDED_KEY);
    const employeeIds = Object.keys(registry?.value.employees ?? {});
    if (employeeIds.length === 0) return [];
    employeeIds.sort((a, b) => cmp(employeeKeyOf(a), employeeKeyOf(b)));
    const facts = await this.store.getMany<StoredFacts>(this.namespace, FACTS_COLLECTION, employeeIds);
    const docs = await this.store.getMany<LineDocument>(this.namespace, linesCollection(period), employeeIds.map(employeeKeyOf));
    const { first, last } = monthBounds(period);
    let provisional = meta.nextPostId;
    const out: Array<{ key: string; lines: PeriodLine[] }> = [];
    for (let i = 0; i < employeeIds.length; i++) {
      const employeeId = employeeIds[i];
      const sheet = facts[i]?.value;
      const f = sheet === undefined ? undefined : decodeFacts(sheet);
      const lines: PeriodLine[] = [];
      if (f !== undefined) {
        const live = Object.values(f.cases).filter((x) => !x.withdrawn);
        for (const line of computeLines(f.employments, live, { from: first, to: last }, last)) {
          lines.push({ ...line, lineId: lineIdOf(period, employeeId, line, null), employeeId, adjustsPeriod: null, postId: provisional++ });
        }
      }
      const doc = docs[i]?.value;
      if (doc !== undefined) for (const l of decodeLines(doc)) if (l.adjustsPeriod !== null) lines.push(l);
      if (lines.length === 0) continue;
      lines.sort((a, b) => cmp(a.lineId, b.lineId));
      out.push({ key: employeeKeyOf(employeeId), lines });
    }
    return out;
  }
}

/** Appends a document's lines in the shape docs/http-api.md "Payroll" gives them, and their postids. */
function read(source: Source, lines: PayrollLine[], postIds: number[]): void {
  if ('computed' in source) {
    for (const l of source.computed) {
      lines.push(toPayrollLine(l));
      postIds.push(l.postId);
    }
    return;
  }
  const doc = source.stored;
  const prefix = employeeKeyOf(doc.employeeId);
  const refs = doc.refs;
  for (let i = 0; i < doc.lines.length; i++) {
    const [hash, ref, date, code, hours, sickDay, adjustsPeriod, postId, unpaidReason, flags] = doc.lines[i];
    const r = refs[ref];
    lines.push({
      lineId: `${prefix}${date}:${hash}`,
      employeeId: doc.employeeId,
      absenceId: r[0],
      date,
      type: r[1],
      code,
      hours,
      extentPercent: r[2],
      sickDay,
      unpaidReason: unpaidReason ?? null,
      adjustsPeriod,
      attestedBy: r[3],
      attestedAt: r[4],
      flags: flags ?? [],
    });
    postIds.push(postId);
  }
}

function statusOf(meta: PayrollMeta, period: IsoMonth): PeriodStatus {
  return meta.locked.includes(period) ? 'locked' : 'open';
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const COMMA = Buffer.from(',');
const LINE_START = Buffer.from('{"lineId":');

/**
 * The lines in a stored ServedLines text: each is an object whose first field is lineId, and the
 * text `{"lineId":` cannot occur inside a string value (its quotes would be escaped).
 */
function linesIn(json: Buffer): number {
  let n = 0;
  for (let i = json.indexOf(LINE_START); i >= 0; i = json.indexOf(LINE_START, i + LINE_START.length)) n++;
  return n;
}

function linesOf(doc: Served): ServedLines {
  return 'json' in doc ? (JSON.parse(doc.json.toString('utf8')) as ServedLines) : doc.lines;
}

function lastLineIdOf(doc: Served): string {
  const lines = linesOf(doc);
  return lines[lines.length - 1].lineId;
}
