// Label/value lines and small tables, aligned with spaces (colour codes are added after
// measuring, so they never skew the columns).

/** "  Label     value" lines, the labels padded to the longest. */
export function facts(
  rows: ReadonlyArray<readonly [label: string, value: string]>,
  style: (label: string) => string = (label) => label,
): string[] {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${style(label.padEnd(width))}  ${value}`);
}

/** A table: the first row is the heading; every column but the last is padded. */
export function table(rows: ReadonlyArray<readonly string[]>, heading: (text: string) => string): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row, index) => {
    const line = row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
    return `  ${index === 0 ? heading(line) : line}`;
  });
}
