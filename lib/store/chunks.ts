// Splits long lists for SQL: SQLite refuses statements with more than 999 bound parameters (its compiled default).

/** Rows per statement: 150 rows of up to 6 columns stay under 999 parameters. */
export const ROWS_PER_STATEMENT = 150;

export function chunk<T>(
  items: readonly T[],
  size = ROWS_PER_STATEMENT,
): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    chunks.push(items.slice(i, i + size));
  return chunks;
}
