import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import type { ColumnDef } from '@tanstack/react-table';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../api/problem';
import { type CursorPage, DataTable } from './data-table';

interface Row {
  id: string;
  name: string;
}
const columns: ColumnDef<Row, unknown>[] = [{ header: 'Name', accessorKey: 'name' }];

function Harness({ load, cursor, onCursor }: { load: () => Promise<CursorPage<Row>>; cursor?: string; onCursor: (c: string | undefined) => void }) {
  const query = useQuery({ queryKey: ['rows', cursor], queryFn: load, retry: false });
  return <DataTable caption="Things" columns={columns} query={query} cursor={cursor} onCursor={onCursor} empty="Nothing here." />;
}

function renderTable(load: () => Promise<CursorPage<Row>>, cursor?: string) {
  const onCursor = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <Harness load={load} cursor={cursor} onCursor={onCursor} />
    </QueryClientProvider>,
  );
  return onCursor;
}

describe('DataTable', () => {
  it('says it is loading, then shows the page and offers the next one', async () => {
    const onCursor = renderTable(async () => ({ items: [{ id: '1', name: 'Lincoln' }], nextCursor: 'page-2' }));
    expect(screen.getByRole('status').textContent).toContain('Loading things');
    expect(await screen.findByRole('cell', { name: 'Lincoln' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'First page' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(onCursor).toHaveBeenCalledWith('page-2');
  });

  it('shows the empty state and no next page on an empty last page', async () => {
    renderTable(async () => ({ items: [], nextCursor: null }));
    expect(await screen.findByText('Nothing here.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the API’s problem and lets the user try again', async () => {
    let calls = 0;
    renderTable(async () => {
      calls += 1;
      throw new ApiProblem(503, { title: 'Service unavailable', detail: 'schools is not answering', code: 'upstream_unavailable' });
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('schools is not answering (503, upstream_unavailable)');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await vi.waitFor(() => expect(calls).toBe(2));
  });

  it('goes back to the first page from a later one', async () => {
    const onCursor = renderTable(async () => ({ items: [{ id: '2', name: 'Harbor' }], nextCursor: null }), 'page-2');
    await screen.findByRole('cell', { name: 'Harbor' });
    fireEvent.click(screen.getByRole('button', { name: 'First page' }));
    expect(onCursor).toHaveBeenCalledWith(undefined);
  });
});
