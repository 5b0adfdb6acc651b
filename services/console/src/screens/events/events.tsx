import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { api, unwrap } from '../../api/client';
import { citiesQuery, cityName } from '../../api/queries';
import type { components } from '../../api/schema';
import { CitySelect } from '../../components/city-select';
import { DataTable } from '../../components/data-table';
import { eventsRoute } from '../../router';

type Event = components['schemas']['EventResponse'];

export function EventsScreen() {
  const search = eventsRoute.useSearch();
  const navigate = eventsRoute.useNavigate();
  const { cityId, cursor } = search;
  const cities = useQuery(citiesQuery());
  const query = useQuery({
    queryKey: ['events', { cityId, cursor }],
    queryFn: () => unwrap(api.GET('/v1/events', { params: { query: { cityId, cursor, limit: 50 } } })),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo<ColumnDef<Event, unknown>[]>(
    () => [
      {
        header: 'Event',
        accessorKey: 'title',
        cell: ({ row }) => (
          <Link to="/events/$eventId" params={{ eventId: row.original.id }} search={{ cursor: undefined }}>
            {row.original.title}
          </Link>
        ),
      },
      { header: 'Starts', accessorKey: 'startsOn' },
      { header: 'City', accessorKey: 'cityId', cell: ({ row }) => cityName(cities.data?.items, row.original.cityId) },
      { header: 'Status', accessorKey: 'status' },
      { header: 'Registered', id: 'registered', cell: ({ row }) => `${row.original.counts.registered} / ${row.original.capacity}` },
      { header: 'Waitlist', id: 'waitlisted', cell: ({ row }) => row.original.counts.waitlisted },
      { header: 'Attended', id: 'attended', cell: ({ row }) => row.original.counts.attended },
      { header: 'Flags', id: 'flags', cell: ({ row }) => row.original.flags.map((flag) => flag.reason.replace(/_/g, ' ')).join(', ') || '—' },
    ],
    [cities.data],
  );
  return (
    <>
      <h1>Events</h1>
      <div className="filters" role="search" aria-label="Filter events">
        <CitySelect value={cityId} onChange={(next) => void navigate({ search: { cityId: next, cursor: undefined } })} />
      </div>
      <DataTable
        caption="Events"
        columns={columns}
        query={query}
        cursor={cursor}
        onCursor={(next) => void navigate({ search: { ...search, cursor: next } })}
        empty="No event matches."
      />
    </>
  );
}
