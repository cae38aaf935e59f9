// The allocation rule of reserveStock: which locations give how many units when a reservation is
// made. Pure, so the rule is tested on its own; stock.ts applies it to rows it holds locked.

export interface LocationAvailability {
  location: string;
  available: number;
}

export interface Allocation {
  location: string;
  quantity: number;
}

/**
 * Splits `quantity` over locations, or undefined when they do not hold enough together:
 * 1. `only` given: that location alone (no split; all or nothing there).
 * 2. Otherwise the `preferred` location first, as much as it has;
 * 3. then the other locations with the most available units first, ties by code (code point order).
 * Taking the largest first keeps a reservation in one location whenever one location can cover it,
 * and splits it over as few locations as the greedy order allows when none can.
 */
export function allocate(
  levels: readonly LocationAvailability[],
  quantity: number,
  options: { only?: string | null; preferred?: string | null } = {},
): Allocation[] | undefined {
  const candidates = levels
    .filter((level) => level.available > 0 && (!options.only || level.location === options.only))
    .sort(
      (a, b) =>
        Number(b.location === options.preferred) - Number(a.location === options.preferred) ||
        b.available - a.available ||
        (a.location < b.location ? -1 : a.location > b.location ? 1 : 0),
    );
  const allocations: Allocation[] = [];
  let missing = quantity;
  for (const level of candidates) {
    if (missing === 0) break;
    const taken = Math.min(level.available, missing);
    allocations.push({ location: level.location, quantity: taken });
    missing -= taken;
  }
  return missing === 0 ? allocations : undefined;
}
