// Net revenue per period as columns (SVG drawn with d3-scale's band and linear scales; negative where refunds
// exceed sales). The chart is one image with a text summary for screen readers; the table under it, with every
// figure, is the accessible and exact form of the same numbers.
import { scaleBand, scaleLinear } from 'd3-scale';
import { formatCents, priceCents, formatCount } from '@/lib/format';
import type { SalesRow, TimeGroup } from '../api/reports';
import { periodLabel } from '../dates';

const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 8, bottom: 28, left: 56 };

export function RevenueChart({ rows, group }: { rows: SalesRow[]; group: TimeGroup }) {
  const values = rows.map((r) => priceCents(r.net_revenue));
  const x = scaleBand<string>()
    .domain(rows.map((r) => r.period!))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(100, ...values)])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const ticks = y.ticks(4);
  const best = rows.length ? rows[values.indexOf(Math.max(...values))]! : null;
  const total = values.reduce((a, b) => a + b, 0);
  const summary = best
    ? `Net revenue ${formatCents(total)} over ${formatCount(rows.length, group, `${group}s`)}; highest ` +
      `${formatCents(priceCents(best.net_revenue))} (${periodLabel(best.period!, group)}).`
    : 'No periods to show.';
  // Label every nth column so that the labels never overlap.
  const every = Math.max(1, Math.ceil(rows.length / 8));
  return (
    <figure className="revenue-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} data-testid="revenue-chart">
        {ticks.map((t) => (
          <g key={t} className="tick">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} />
            <text x={MARGIN.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {formatCents(t)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const v = values[i]!;
          const top = y(Math.max(0, v));
          return (
            <rect
              key={r.period}
              className={v < 0 ? 'column column-negative' : 'column'}
              x={x(r.period!)}
              y={top}
              width={x.bandwidth()}
              height={Math.max(v === 0 ? 0 : 1, Math.abs(y(v) - y(0)))}
            >
              <title>{`${periodLabel(r.period!, group)}: ${formatCents(v)}`}</title>
            </rect>
          );
        })}
        {rows.map((r, i) =>
          i % every === 0 ? (
            <text
              key={r.period}
              className="axis-label"
              x={x(r.period!)! + x.bandwidth() / 2}
              y={HEIGHT - 8}
              textAnchor="middle"
            >
              {periodLabel(r.period!, group).replace('Week of ', '')}
            </text>
          ) : null,
        )}
      </svg>
    </figure>
  );
}
