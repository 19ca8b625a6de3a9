import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api-error';
import { useCategoryMetrics } from '../api/metrics';
import { CategoryChart } from './category-chart';
import '../dashboard.css';
import { formatNumber } from '@/lib/format';

export function Dashboard() {
  const metrics = useCategoryMetrics();
  const data = metrics.data ?? [];
  const sweets = data.reduce((n, d) => n + d.sweet_count, 0);
  const units = data.reduce((n, d) => n + d.total_quantity, 0);
  return (
    <section className="panel" aria-labelledby="stock-title">
      <div className="panel-head">
        <h2 id="stock-title">Stock by category</h2>
        {metrics.dataUpdatedAt ? (
          <p className="count">Updated {new Date(metrics.dataUpdatedAt).toLocaleTimeString('en-US')}</p>
        ) : null}
      </div>
      {metrics.isPending ? <Spinner label="Loading the numbers…" /> : null}
      {metrics.error ? (
        <Alert>
          {errorMessage(metrics.error)}{' '}
          <Button variant="ghost" onClick={() => void metrics.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {metrics.data ? (
        <>
          <dl className="totals">
            <div>
              <dt>Categories</dt>
              <dd data-testid="total-categories">{data.length}</dd>
            </div>
            <div>
              <dt>Sweets</dt>
              <dd data-testid="total-sweets">{sweets}</dd>
            </div>
            <div>
              <dt>Units in stock</dt>
              <dd data-testid="total-units">{formatNumber(units)}</dd>
            </div>
          </dl>
          {data.length ? <CategoryChart data={data} /> : <p className="empty">No sweets yet, so nothing to chart.</p>}
        </>
      ) : null}
    </section>
  );
}
