import type { ReactNode } from 'react';
import { downloadCsv, toCsv } from '../../components/csv';
import { Empty, ErrorState, Loading } from '../../components/states';

export interface Column<Row> {
  key: keyof Row & string;
  header: string;
  numeric?: boolean;
  format?: (value: Row[keyof Row], row: Row) => string;
}

/**
 * One dashboard panel: a chart, the same numbers as a table beside it (the chart's accessible text), and a CSV
 * download of exactly that table.
 */
export function Panel<Row extends object>({
  title,
  filename,
  state,
  rows,
  columns,
  chart,
  empty,
}: {
  title: string;
  filename: string;
  state: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  rows: Row[];
  columns: Column<Row>[];
  chart: ReactNode;
  empty: string;
}) {
  const id = `panel-${filename}`;
  const cell = (row: Row, column: Column<Row>) => (column.format ? column.format(row[column.key], row) : String(row[column.key] ?? '—'));
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id}>{title}</h2>
        <button
          type="button"
          disabled={rows.length === 0}
          onClick={() =>
            downloadCsv(
              `${filename}.csv`,
              toCsv(
                columns.map((c) => ({ key: c.key, header: c.header })),
                rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, cell(row, c)]))),
              ),
            )
          }
        >
          Download CSV<span className="visually-hidden"> of {title}</span>
        </button>
      </div>
      {state.isPending ? (
        <Loading what={title.toLowerCase()} />
      ) : state.isError ? (
        <ErrorState error={state.error} retry={() => void state.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <div className="panel-body">
          <div className="chart" aria-hidden="true">
            {chart}
          </div>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title}: numbers`}>
            <table>
              <caption>{title}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.key} scope="col" className={c.numeric ? 'number' : undefined}>
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={index}>
                    {columns.map((c) => (
                      <td key={c.key} className={c.numeric ? 'number' : undefined}>
                        {cell(row, c)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
