// Small pieces more than one page shows the same way.
import { useId } from 'react';
import { formatMoney } from './states';

/** A labelled country input (ISO 3166-1 alpha-2), as the graph's filters and rules take it. */
export function CountryField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} maxLength={2} size={3} onChange={(event) => onChange(event.target.value)} />
    </>
  );
}

/** Products with their price and what is available now. */
export function ProductList({
  products,
}: {
  products: readonly { sku: string; name: string; price: number; availableQuantity: number }[] | null | undefined;
}) {
  return (
    <ul>
      {products?.map((product) => (
        <li key={product.sku}>
          {product.name} — {formatMoney(product.price)}{' '}
          <span className="muted">({product.availableQuantity} available)</span>
        </li>
      ))}
    </ul>
  );
}

/** A labelled checkbox that adds its value to, or removes it from, a set of chosen values. */
export function SetCheckbox<T extends string>({
  value,
  chosen,
  onChange,
  children,
}: {
  value: T;
  chosen: ReadonlySet<T>;
  onChange: (next: Set<T>) => void;
  children: React.ReactNode;
}) {
  return (
    <label className="scope">
      <input
        type="checkbox"
        value={value}
        checked={chosen.has(value)}
        onChange={(event) => {
          const next = new Set(chosen);
          if (event.target.checked) next.add(value);
          else next.delete(value);
          onChange(next);
        }}
      />
      {children}
    </label>
  );
}

/** A table's head: one column header per label. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th scope="col" key={column}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
