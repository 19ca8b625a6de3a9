// The earliest best-before date of the units for sale (perishables), as a card or a product page shows it.
import { formatDay } from '@/lib/format';

export function BestBefore({ day }: { day?: string | null }) {
  if (!day) return null;
  return (
    <p className="best-before" data-testid="best-before">
      Best before {formatDay(day)}
    </p>
  );
}
