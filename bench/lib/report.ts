import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';

/** One line of the results table: a figure, the anchor measured in the same run, their ratio, the target. */
export interface Figure {
  bench: 'ingest' | 'rebuild' | 'payroll' | 'as-of' | 'memory' | 'postgres';
  what: string;
  value: string;
  anchor?: string;
  ratio?: string;
  target?: string;
  /** undefined when there is no target for this line. */
  met?: boolean;
  note?: string;
}

export function machine(): Record<string, string> {
  const cpuModel = (() => {
    try {
      return /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
    } catch {
      return cpus()[0]?.model ?? 'unknown';
    }
  })();
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    nproc: sh('nproc'),
    cpu: cpuModel,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB (free -h: ${sh("free -h | awk '/^Mem:/ {print $2\" total, \"$7\" available\"}'")})`,
    node: process.version,
    sqlite: sh(`node -e "const D=require('better-sqlite3');const d=new D(':memory:');console.log(d.prepare('select sqlite_version() v').get().v)"`),
    kernel: sh('uname -sr'),
    disk: sh(`df -hT ${process.cwd()} | awk 'NR==2 {print $2" on "$1}'`),
    date: new Date().toISOString(),
  };
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));

/** The figures as a Markdown table (it reads as plain text too). */
export function table(figures: readonly Figure[]): string {
  const header = ['bench', 'figure', 'value', 'anchor (same run)', 'ratio', 'target', 'met'];
  const rows = figures.map((f) => [
    f.bench,
    f.what,
    f.value,
    f.anchor ?? '',
    f.ratio ?? '',
    f.target ?? '',
    f.met === undefined ? '' : f.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...r[i]].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => pad(c, widths[i])).join(' | ')} |`;
  const out = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  const notes = figures.filter((f) => f.note).map((f) => `- ${f.bench} / ${f.what}: ${f.note}`);
  return [...out, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

export function printFigures(title: string, figures: readonly Figure[], jsonFile?: string, extra: Record<string, unknown> = {}): void {
  const m = machine();
  console.log(`\n${title}`);
  console.log(`machine: ${m.nproc} cores, ${m.cpu}, ${m.memory}, node ${m.node}, SQLite ${m.sqlite}, ${m.kernel}, ${m.disk}; ${m.date}\n`);
  console.log(table(figures));
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ machine: m, figures, ...extra }, null, 2));
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString('en-US'),
  ms: (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1)) + ' ms',
  ratio: (n: number) => n.toFixed(2),
  num: (n: number, digits: number) => n.toFixed(digits),
  mb: (n: number) => `${Math.round(n)} MB`,
};
