/**
 * The plots (Chart.js through react-chartjs-2). This module is loaded only by the pages that plot,
 * so the employee page never downloads it.
 */
import { BarElement, CategoryScale, Chart, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';

Chart.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Tooltip, Legend);
Chart.defaults.font.family = 'system-ui, sans-serif';
Chart.defaults.color = '#1b1b1f';

/** Colours that keep 3:1 against white and stay apart for common colour-vision deficiencies. */
const COLOURS = ['#0b5cad', '#b34700', '#1e7a3c', '#7a2e9a', '#a3123a', '#00707a', '#5c5c00', '#4a4a55'];

export interface Series {
  label: string;
  values: Array<number | null>;
  emphasis?: boolean;
}

export interface ChartProps {
  labels: string[];
  series: Series[];
  /** What the plot shows, for screen readers (the figures are also in the table beside it). */
  summary: string;
  unit?: string;
}

export function LineChart({ labels, series, summary, unit }: ChartProps) {
  return (
    <div className="chart">
      <Line
        role="img"
        aria-label={summary}
        data={{
          labels,
          datasets: series.map((s, i) => ({
            label: s.label,
            data: s.values,
            borderColor: s.emphasis ? '#1b1b1f' : COLOURS[i % COLOURS.length],
            backgroundColor: s.emphasis ? '#1b1b1f' : COLOURS[i % COLOURS.length],
            borderWidth: s.emphasis ? 4 : 2,
            borderDash: s.emphasis ? [6, 4] : undefined,
            spanGaps: true,
          })),
        }}
        options={{ maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, title: { display: !!unit, text: unit ?? '' } } } }}
      />
    </div>
  );
}

export function BarChart({ labels, series, summary, unit }: ChartProps) {
  return (
    <div className="chart">
      <Bar
        role="img"
        aria-label={summary}
        data={{ labels, datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: COLOURS[i % COLOURS.length] })) }}
        options={{ maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, title: { display: !!unit, text: unit ?? '' } } } }}
      />
    </div>
  );
}
