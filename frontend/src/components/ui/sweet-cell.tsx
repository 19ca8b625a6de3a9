// A stock table's row header: the sweet's name, and its category under it.
import type { Sweet } from '@/lib/api/sweets';

export function SweetCell({ sweet }: { sweet: Pick<Sweet, 'name' | 'category'> }) {
  return (
    <th scope="row">
      <span className="row-name">{sweet.name}</span>
      <span className="muted">{sweet.category}</span>
    </th>
  );
}
