import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { DataTable } from '../../components/data-table';
import { peopleRoute } from '../../router';

type Person = components['schemas']['PersonResponse'];

const columns: ColumnDef<Person, unknown>[] = [
  { header: 'Name', accessorKey: 'fullName' },
  { header: 'Email', accessorKey: 'email', cell: ({ getValue }) => (getValue() as string | null) ?? '—' },
  { header: 'Since', accessorKey: 'createdAt', cell: ({ getValue }) => String(getValue()).slice(0, 10) },
];

export function PeopleScreen() {
  const { cursor } = peopleRoute.useSearch();
  const navigate = peopleRoute.useNavigate();
  const query = useQuery({
    queryKey: ['people', { cursor }],
    queryFn: () => unwrap(api.GET('/v1/people', { params: { query: { cursor, limit: 50 } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <h1>People</h1>
      <DataTable
        caption="People"
        columns={columns}
        query={query}
        cursor={cursor}
        onCursor={(next) => void navigate({ search: { cursor: next } })}
        empty="No person yet."
      />
    </>
  );
}
