// Per-category numbers as horizontal bars: sweets (how many kinds) and units in stock, each on its own scale,
// with the numbers written beside the bars and a table for screen readers.
import type { CategoryMetrics } from '../api/metrics';
import { formatNumber } from '@/lib/format';

export function CategoryChart({ data }: { data: CategoryMetrics[] }) {
  const maxSweets = Math.max(1, ...data.map((d) => d.sweet_count));
  const maxUnits = Math.max(1, ...data.map((d) => d.total_quantity));
  return (
    <figure className="chart" aria-labelledby="chart-caption">
      <figcaption id="chart-caption">
        Sweets and units in stock by category
        <span className="legend" aria-hidden="true">
          <span className="legend-item legend-sweets">Sweets</span>
          <span className="legend-item legend-units">Units in stock</span>
        </span>
      </figcaption>
      <div className="chart-rows" aria-hidden="true">
        {data.map((d) => (
          <div className="chart-row" key={d.category}>
            <div className="chart-label" title={d.category}>
              {d.category}
            </div>
            <div className="chart-bars">
              <div className="bar-line">
                <span className="bar bar-sweets" style={{ width: `${(d.sweet_count / maxSweets) * 100}%` }} />
                <span className="bar-value">{d.sweet_count}</span>
              </div>
              <div className="bar-line">
                <span className="bar bar-units" style={{ width: `${(d.total_quantity / maxUnits) * 100}%` }} />
                <span className="bar-value">{formatNumber(d.total_quantity)}</span>
              </div>
            </div>
          </div>
        ))}
      </div>
      {/* A table cannot be shrunk to 1 px itself (it grows to its content): its wrapper is hidden instead. */}
      <div className="visually-hidden">
        <table data-testid="metrics-table">
          <caption>Sweets and units in stock by category</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Sweets</th>
              <th scope="col">Units in stock</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.category} data-category={d.category}>
                <th scope="row">{d.category}</th>
                <td data-testid="sweet-count">{d.sweet_count}</td>
                <td data-testid="total-quantity">{d.total_quantity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
