// Create or edit a sweet; the API's validation messages appear under their fields.
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/field';
import { useApi, useSession } from '@/lib/api-context';
import { checkMoney, checkWhole, liveErrors } from '@/lib/checks';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';
import { useCategoryMetrics } from '@/lib/api/metrics';
import { createSweet, type Sweet, type SweetInput, updateSweet, useSweetChanged, useSweets } from '@/lib/api/sweets';
import { useDebounced } from '@/lib/use-debounced';
import '../admin.css';

const FIELDS = [
  'name',
  'category',
  'description',
  'price',
  'quantity',
  'reorder_level',
  'reorder_quantity',
  'cost',
  'sku',
  'barcode',
  'unit',
] as const;
const EMPTY: SweetInput = {
  name: '',
  category: '',
  description: '',
  price: '',
  quantity: '0',
  reorder_level: '0',
  reorder_quantity: '0',
  cost: '',
  sku: '',
  barcode: '',
  unit: 'piece',
};

export interface SweetFormProps {
  sweet?: Sweet;
  onSaved?(sweet: Sweet): void;
  onCancel?(): void;
}

export function SweetForm({ sweet, onSaved, onCancel }: SweetFormProps) {
  const client = useApi();
  const changed = useSweetChanged();
  // Costs are the owner's: staff neither see nor send them (the API refuses a cost from staff).
  const owner = useSession()?.user.role === 'owner';
  const initial: SweetInput = sweet
    ? {
        name: sweet.name,
        category: sweet.category,
        description: sweet.description,
        price: sweet.price,
        quantity: String(sweet.quantity),
        reorder_level: String(sweet.reorder_level ?? 0),
        reorder_quantity: String(sweet.reorder_quantity ?? 0),
        cost: sweet.cost ?? '',
        sku: sweet.sku ?? '',
        barcode: sweet.barcode ?? '',
        unit: sweet.unit ?? 'piece',
      }
    : EMPTY;
  const [form, setForm] = useState<SweetInput>(initial);
  const [saved, setSaved] = useState<string | null>(null);
  const weighed = form.unit === 'gram';
  const set = (field: keyof SweetInput) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setForm({ ...form, [field]: e.target.value });
  const prefix = sweet ? `edit-${sweet.id}` : 'new';
  // Names and categories that differ from existing ones only by case are two different ones to the shop: say so.
  const categories = useCategoryMetrics().data ?? [];
  const categoryTwin = categories.find(
    (c) => c.category !== form.category.trim() && c.category.toLowerCase() === form.category.trim().toLowerCase(),
  );
  const typedName = useDebounced(form.name.trim(), 300);
  const namesake = useSweets({ name: typedName, page_size: 10 }, typedName !== '').data?.results.find(
    (s) => s.id !== sweet?.id && s.name !== typedName && s.name.toLowerCase() === typedName.toLowerCase(),
  );

  // The API's rules as you type: a price with at most 2 decimals, whole numbers for the counts.
  const live = {
    price: checkMoney(form.price),
    cost: checkMoney(form.cost ?? ''),
    quantity: checkWhole(String(form.quantity ?? '')),
    reorder_level: checkWhole(String(form.reorder_level ?? '')),
    reorder_quantity: checkWhole(String(form.reorder_quantity ?? '')),
  };
  const {
    submit: send,
    busy,
    errors,
  } = useFormMutation(FIELDS, {
    mutationFn: () => {
      setSaved(null);
      if (!sweet) {
        const { cost, ...rest } = form;
        return createSweet(client, owner ? { ...rest, cost } : rest);
      }
      // Only what changed: a stock count edited here would otherwise overwrite purchases made meanwhile.
      const patch: Partial<SweetInput> = {};
      for (const f of FIELDS)
        if (form[f] !== initial[f] && (owner || f !== 'cost')) Object.assign(patch, { [f]: form[f] ?? '' });
      return updateSweet(client, sweet.id, patch);
    },
    onSuccess: (result) => {
      if (!sweet) {
        setForm(EMPTY);
        setSaved(`Added ${result.name}.`);
      }
      changed(result);
      onSaved?.(result);
    },
  });

  const submit = () => {
    if (!Object.values(live).some(Boolean)) send();
  };

  return (
    <form
      className="sweet-form"
      onSubmit={onSubmit(submit)}
      noValidate
      aria-label={sweet ? `Edit ${sweet.name}` : 'Add a sweet'}
    >
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {saved ? <Alert kind="success">{saved}</Alert> : null}
      <div className="form-grid">
        <TextField
          id={`${prefix}-name`}
          label="Name"
          value={form.name}
          onChange={set('name')}
          errors={errors.fieldErrors.name}
          hint={
            namesake && typedName
              ? `“${namesake.name}” already exists and differs only in capitals: this would be another sweet.`
              : undefined
          }
          required
        />
        <TextField
          id={`${prefix}-category`}
          label="Category"
          value={form.category}
          onChange={set('category')}
          errors={errors.fieldErrors.category}
          list={`${prefix}-categories`}
          autoComplete="off"
          hint={
            categoryTwin
              ? `The category “${categoryTwin.category}” exists and differs only in capitals: pick it to keep one category.`
              : 'Pick an existing category or type a new one'
          }
          required
        />
        <datalist id={`${prefix}-categories`}>
          {categories.map((c) => (
            <option key={c.category} value={c.category}>
              {c.category}
            </option>
          ))}
        </datalist>
        <div className="field">
          <label htmlFor={`${prefix}-unit`}>Sold by</label>
          <select
            id={`${prefix}-unit`}
            value={form.unit}
            onChange={(e) => setForm({ ...form, unit: e.target.value === 'gram' ? 'gram' : 'piece' })}
            aria-describedby={errors.fieldErrors.unit ? `${prefix}-unit-error` : undefined}
            aria-invalid={errors.fieldErrors.unit ? true : undefined}
          >
            <option value="piece">The piece</option>
            <option value="gram">Weight (price per kg, stock in grams)</option>
          </select>
          {errors.fieldErrors.unit ? (
            <p className="error-text" id={`${prefix}-unit-error`}>
              {errors.fieldErrors.unit.join(' ')}
            </p>
          ) : null}
        </div>
        <TextField
          id={`${prefix}-price`}
          label={weighed ? 'Price per kg' : 'Price'}
          inputMode="decimal"
          value={form.price}
          onChange={set('price')}
          errors={liveErrors(live.price, errors.fieldErrors.price)}
          hint="For example 3.50"
          required
        />
        <TextField
          id={`${prefix}-quantity`}
          label={weighed ? 'Grams in stock' : 'Quantity in stock'}
          inputMode="numeric"
          value={form.quantity}
          onChange={set('quantity')}
          errors={liveErrors(live.quantity, errors.fieldErrors.quantity)}
        />
        <TextField
          id={`${prefix}-reorder-level`}
          label="Reorder level"
          inputMode="numeric"
          value={form.reorder_level}
          onChange={set('reorder_level')}
          errors={liveErrors(live.reorder_level, errors.fieldErrors.reorder_level)}
          hint="Alert at or below this; 0 for none"
        />
        <TextField
          id={`${prefix}-reorder-quantity`}
          label="Usual restock"
          inputMode="numeric"
          value={form.reorder_quantity}
          onChange={set('reorder_quantity')}
          errors={liveErrors(live.reorder_quantity, errors.fieldErrors.reorder_quantity)}
          hint="Units a restock usually adds"
        />
        {owner ? (
          <TextField
            id={`${prefix}-cost`}
            label={weighed ? 'Cost per kg' : 'Unit cost'}
            inputMode="decimal"
            value={form.cost}
            onChange={set('cost')}
            errors={liveErrors(live.cost, errors.fieldErrors.cost)}
            hint="What one costs you; blank if unknown"
          />
        ) : null}
        <TextField
          id={`${prefix}-sku`}
          label="SKU"
          value={form.sku ?? ''}
          onChange={set('sku')}
          errors={errors.fieldErrors.sku}
          hint="Your own code; optional"
        />
        <TextField
          id={`${prefix}-barcode`}
          label="Barcode"
          inputMode="numeric"
          value={form.barcode ?? ''}
          onChange={set('barcode')}
          errors={errors.fieldErrors.barcode}
          hint="EAN-13 or UPC-A; scan it into this box"
        />
        <TextAreaField
          id={`${prefix}-description`}
          label="Description"
          rows={3}
          value={form.description}
          onChange={set('description')}
          errors={errors.fieldErrors.description}
        />
      </div>
      <div className="form-actions">
        <Button type="submit" busy={busy}>
          {sweet ? 'Save changes' : 'Add sweet'}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
