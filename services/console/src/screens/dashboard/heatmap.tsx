/**
 * The cross-sector matrix: rows are the host's sector, columns the attendee's, each cell the attendances, its
 * shade proportional to the largest cell. A real table, so it reads the same to a screen reader.
 */
export interface MatrixCell {
  row: string;
  column: string;
  value: number;
}

export function shade(value: number, max: number): string {
  const strength = max > 0 ? value / max : 0;
  // From the page's wash to the accent; text turns white past the middle for contrast.
  const mix = (from: number, to: number) => Math.round(from + (to - from) * strength);
  return `rgb(${mix(244, 31)}, ${mix(246, 78)}, ${mix(248, 121)})`;
}

export function Heatmap({ cells, rowLabel, columnLabel }: { cells: MatrixCell[]; rowLabel: string; columnLabel: string }) {
  const rows = [...new Set(cells.map((c) => c.row))].sort();
  const columns = [...new Set(cells.map((c) => c.column))].sort();
  const value = (row: string, column: string) => cells.filter((c) => c.row === row && c.column === column).reduce((sum, c) => sum + c.value, 0);
  const max = Math.max(0, ...rows.flatMap((r) => columns.map((c) => value(r, c))));
  return (
    <table className="heatmap">
      <caption>
        {rowLabel} (rows) by {columnLabel} (columns)
      </caption>
      <thead>
        <tr>
          <td />
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row}>
            <th scope="row">{row}</th>
            {columns.map((column) => {
              const v = value(row, column);
              return (
                <td key={column} className="cell" style={{ background: shade(v, max), color: max > 0 && v / max > 0.5 ? '#ffffff' : '#1b1f24' }}>
                  {v}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
