import { lazy, Suspense } from 'react';
import type { ChartProps } from './charts';
import { useT } from './i18n';

const Charts = { Line: lazy(() => import('./charts').then((m) => ({ default: m.LineChart }))), Bar: lazy(() => import('./charts').then((m) => ({ default: m.BarChart }))) };

/** A plot, loaded on demand, with its figures as a table beside it (for screen readers and copying). */
export function Plot({ kind, ...props }: ChartProps & { kind: 'line' | 'bar' }) {
  const t = useT();
  const Chart = kind === 'line' ? Charts.Line : Charts.Bar;
  return (
    <figure className="plot">
      <Suspense fallback={<p role="status">{t('loading')}</p>}>
        <Chart {...props} />
      </Suspense>
      <details>
        <summary>{t('showTable')}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col"></th>
                {props.series.map((s) => (
                  <th scope="col" key={s.label} className="num">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {props.series.map((s) => (
                    <td key={s.label} className="num">
                      {s.values[i] === null ? '–' : s.values[i]?.toLocaleString('sv-SE')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** YYYY-MM months from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while ((y < ty || (y === ty && m <= tm)) && out.length < 120) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
