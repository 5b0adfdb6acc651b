import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, ErrorState, Loading } from './states';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A server-paged list (TanStack Table v8, manual paging): the API pages by cursor, so the table shows one page
 * and offers the next one; the cursor lives in the URL (see `onCursor`), so a link reproduces the page and the
 * browser's Back goes to the previous one.
 */
export function DataTable<T>({
  caption,
  columns,
  query,
  cursor,
  onCursor,
  empty,
}: {
  caption: string;
  columns: ColumnDef<T, unknown>[];
  query: UseQueryResult<CursorPage<T>>;
  cursor: string | undefined;
  onCursor: (cursor: string | undefined) => void;
  empty: string;
}) {
  const table = useReactTable<T>({
    data: query.data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    pageCount: -1,
  });
  if (query.isPending) return <Loading what={caption.toLowerCase()} />;
  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  const nextCursor = query.data.nextCursor;
  return (
    <div className="data-table">
      {query.data.items.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <table>
          <caption>{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col">
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label={`${caption} pages`}>
        <button type="button" onClick={() => onCursor(undefined)} disabled={!cursor}>
          First page
        </button>
        <button type="button" onClick={() => onCursor(nextCursor ?? undefined)} disabled={!nextCursor}>
          Next page
        </button>
        {query.isFetching && <span role="status">Refreshing…</span>}
      </nav>
    </div>
  );
}
