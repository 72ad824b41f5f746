import type { PayrollLine } from '@ledger/payroll-export';
import type { ReadStore, StoredDocument } from '@ledger/read-store';
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
  StoredFacts,
  decodeFacts,
  decodeLines,
  linesCollection,
} from './payroll-documents';
import { computeLines, employeeKeyOf, lineIdOf } from './payroll-lines';

export type PeriodStatus = 'open' | 'locked';

export interface PayrollLinesPage {
  period: IsoMonth;
  status: PeriodStatus;
  lines: PayrollLine[];
  /** The lineId to pass as `after` for the next page; null on the last page. */
  next: string | null;
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

/**
 * Reads the payroll lines of one period from the payroll projection's namespace.
 *
 * Lines come in lineId order. A page is `lineId > after`, at most `limit` lines, so paging with
 * the last lineId of each page as the next `after` returns every line at most once, and every line
 * that exists from the first page to the page whose range holds it: lineIds are deterministic,
 * a line keeps its lineId while its facts change, and a line that appears later either sorts
 * after the cursor (and is served) or before it (and was not there when the range was read).
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

  /** Lines with `lineId > after` (all when after is undefined), at most `limit`. */
  async page(period: IsoMonth, options: { after?: string; limit: number }): Promise<PayrollLinesPage> {
    const { after, limit } = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) throw new RangeError(`limit must be 1..${MAX_PAGE_LIMIT}`);
    monthBounds(period); // validates
    const meta = await this.meta();
    const lines: PayrollLine[] = [];
    // Read about as many documents as the page needs: start from a guess, then from the lines per
    // document seen so far, so a page reads little beyond its last line.
    const hint = { documents: Math.min(Math.ceil((limit + 1) / 16) + 1, 4096) };
    let documents = 0;
    let counted = 0;
    for await (const source of this.sources(period, meta, after, hint)) {
      const before = lines.length;
      read(source, lines, null, after);
      if (lines.length > limit) break;
      // The document holding the cursor is read in part: it says nothing about the others.
      if (after !== undefined && after.startsWith(source.key)) continue;
      documents++;
      counted += lines.length - before;
      if (documents >= 8) {
        const perDocument = Math.max(counted / documents, 1);
        hint.documents = Math.min(Math.ceil(((limit + 1 - lines.length) / perDocument) * 1.1) + 1, 4096);
      }
    }
    const more = lines.length > limit;
    if (more) lines.length = limit;
    return { period, status: statusOf(meta, period), lines, next: more ? lines[limit - 1].lineId : null };
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
    for await (const source of this.sources(period, meta, undefined, { documents: 2048 })) sources.push(source);
    return {
      period,
      status: statusOf(meta, period),
      *batches(size: number) {
        let lines: PayrollLine[] = [];
        let postIds: number[] = [];
        for (const source of sources) {
          read(source, lines, postIds, undefined);
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

  /** The period's documents in key order (= lineId order), from the one that may hold `after` on. */
  private async *sources(period: IsoMonth, meta: PayrollMeta, after: string | undefined, hint: { documents: number }): AsyncGenerator<Source> {
    const collection = linesCollection(period);
    const colon = after === undefined ? -1 : after.indexOf(':');
    // The document whose lineIds start like `after` may hold lines on both sides of it.
    const holding = after !== undefined && colon >= 0 ? after.slice(0, colon + 1) : undefined;
    const computed = await this.computedDocuments(period, meta);
    const replaced = new Set(computed.map((d) => d.key));
    let c = 0;
    if (after !== undefined) while (c < computed.length && (holding !== undefined ? computed[c].key < holding : computed[c].key <= after)) c++;

    for await (const doc of this.storedDocuments(collection, holding, holding ?? after, hint)) {
      while (c < computed.length && computed[c].key < doc.key) yield { key: computed[c].key, computed: computed[c++].lines };
      if (replaced.has(doc.key)) continue;
      yield { key: doc.key, stored: doc.value };
    }
    while (c < computed.length) yield { key: computed[c].key, computed: computed[c++].lines };
  }

  private async *storedDocuments(
    collection: string,
    inclusive: string | undefined,
    after: string | undefined,
    hint: { documents: number },
  ): AsyncGenerator<StoredDocument<LineDocument>> {
    if (inclusive !== undefined) {
      const doc = await this.store.get<LineDocument>(this.namespace, collection, inclusive);
      if (doc !== undefined) yield doc;
    }
    while (true) {
      const size = Math.max(1, hint.documents);
      const docs = await this.store.scan<LineDocument>(this.namespace, collection, { after, limit: size });
      for (const doc of docs) yield doc;
      if (docs.length < size) return;
      after = docs[docs.length - 1].key;
    }
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

/** Appends a document's lines with lineId > after, in the shape API.md gives them (and their postids). */
function read(source: Source, lines: PayrollLine[], postIds: number[] | null, after: string | undefined): void {
  if ('computed' in source) {
    for (const l of source.computed) {
      if (after !== undefined && l.lineId <= after) continue;
      lines.push(toPayrollLine(l));
      postIds?.push(l.postId);
    }
    return;
  }
  const doc = source.stored;
  const prefix = employeeKeyOf(doc.employeeId);
  const refs = doc.refs;
  for (let i = 0; i < doc.lines.length; i++) {
    const [hash, ref, date, code, hours, sickDay, adjustsPeriod, postId] = doc.lines[i];
    const lineId = `${prefix}${date}:${hash}`;
    if (after !== undefined && lineId <= after) continue;
    const r = refs[ref];
    lines.push({
      lineId,
      employeeId: doc.employeeId,
      absenceId: r[0],
      date,
      type: r[1],
      code,
      hours,
      extentPercent: r[2],
      sickDay,
      adjustsPeriod,
      attestedBy: r[3],
      attestedAt: r[4],
    });
    postIds?.push(postId);
  }
}

/** The line as API.md "Payroll" defines it, fields in that order. */
export function toPayrollLine(l: PeriodLine): PayrollLine {
  return {
    lineId: l.lineId,
    employeeId: l.employeeId,
    absenceId: l.absenceId,
    date: l.date,
    type: l.type,
    code: l.code,
    hours: l.hours,
    extentPercent: l.extentPercent,
    sickDay: l.sickDay,
    adjustsPeriod: l.adjustsPeriod,
    attestedBy: l.attestedBy,
    attestedAt: l.attestedAt,
  };
}

function statusOf(meta: PayrollMeta, period: IsoMonth): PeriodStatus {
  return meta.locked.includes(period) ? 'locked' : 'open';
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
