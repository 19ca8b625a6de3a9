// Shelf labels to print: each sweet's name, price and barcode (EAN-13 drawn by JsBarcode), the sweets chosen by a
// search; the print style leaves only the labels.
import JsBarcode from 'jsbarcode';
import { useEffect, useRef, useState } from 'react';
import { Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { type Sweet, useSweets } from '@/lib/api/sweets';
import { formatPrice } from '@/lib/format';
import { useDebounced } from '@/lib/use-debounced';
import '../import.css';

function Barcode({ code }: { code: string }) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (ref.current) JsBarcode(ref.current, code, { format: 'EAN13', height: 40, fontSize: 14, margin: 0 });
  }, [code]);
  return <svg ref={ref} role="img" aria-label={`Barcode ${code}`} />;
}

function Label({ sweet }: { sweet: Sweet }) {
  return (
    <div className="shelf-label" data-testid="shelf-label">
      <p className="shelf-label-name">{sweet.name}</p>
      <p className="shelf-label-price">{formatPrice(sweet.price)}</p>
      {sweet.barcode ? <Barcode code={sweet.barcode} /> : <p className="muted">No barcode</p>}
      {sweet.sku ? <p className="shelf-label-sku">{sweet.sku}</p> : null}
    </div>
  );
}

export function LabelsPage() {
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 300);
  const query = useSweets({ q, ordering: 'alphabetical', page_size: 100, active: true });
  return (
    <section className="panel" aria-labelledby="labels-title">
      <div className="panel-head no-print">
        <h1 id="labels-title">Shelf labels</h1>
        <Button onClick={() => window.print()}>Print</Button>
      </div>
      <div className="field no-print">
        <label htmlFor="labels-q">Which sweets</label>
        <input id="labels-q" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </div>
      {query.isPending ? <Spinner label="Loading sweets…" /> : null}
      <div className="shelf-labels">
        {query.data?.results.map((s) => (
          <Label key={s.id} sweet={s} />
        ))}
      </div>
    </section>
  );
}
