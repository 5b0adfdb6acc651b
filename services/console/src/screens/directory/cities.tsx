import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { DataTable } from '../../components/data-table';
import { citiesRoute } from '../../router';

type City = components['schemas']['CityResponse'];

const columns: ColumnDef<City, unknown>[] = [
  {
    header: 'City',
    accessorKey: 'name',
    cell: ({ row }) => (
      <Link to="/directory/schools" search={{ cityId: row.original.id }}>
        {row.original.name}
      </Link>
    ),
  },
  { header: 'State', accessorKey: 'state' },
  { header: 'Time zone', accessorKey: 'timeZone' },
];

export function CitiesScreen() {
  const { cursor } = citiesRoute.useSearch();
  const navigate = citiesRoute.useNavigate();
  const query = useQuery({
    queryKey: ['cities', { cursor }],
    queryFn: () => unwrap(api.GET('/v1/cities', { params: { query: { cursor, limit: 50 } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <h1>Cities</h1>
      <DataTable
        caption="Cities"
        columns={columns}
        query={query}
        cursor={cursor}
        onCursor={(next) => void navigate({ search: { cursor: next } })}
        empty="No city yet."
      />
    </>
  );
}
