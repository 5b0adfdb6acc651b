import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { DataTable } from '../../components/data-table';
import { ErrorState, Loading } from '../../components/states';
import { eventRoute } from '../../router';

type Registration = components['schemas']['RegistrationResponse'];

const columns: ColumnDef<Registration, unknown>[] = [
  { header: 'Person', accessorKey: 'personId' },
  { header: 'Status', accessorKey: 'status', cell: ({ getValue }) => String(getValue()).replace(/_/g, ' ') },
  { header: 'Role', id: 'role', cell: ({ row }) => row.original.snapshot?.role ?? '—' },
  { header: 'Sector', id: 'sector', cell: ({ row }) => row.original.snapshot?.sector ?? '—' },
  { header: 'Registered', accessorKey: 'registeredAt', cell: ({ getValue }) => String(getValue()).slice(0, 16).replace('T', ' ') },
];

/** An event and its roster (registrations, paged on the server). */
export function EventScreen() {
  const { eventId } = eventRoute.useParams();
  const { cursor } = eventRoute.useSearch();
  const navigate = eventRoute.useNavigate();
  const event = useQuery({ queryKey: ['event', eventId], queryFn: () => unwrap(api.GET('/v1/events/{id}', { params: { path: { id: eventId } } })) });
  const roster = useQuery({
    queryKey: ['event', eventId, 'registrations', { cursor }],
    queryFn: () => unwrap(api.GET('/v1/events/{id}/registrations', { params: { path: { id: eventId }, query: { cursor, limit: 50 } } })),
    placeholderData: keepPreviousData,
  });
  if (event.isPending) return <Loading what="the event" />;
  if (event.isError) return <ErrorState error={event.error} retry={() => void event.refetch()} />;
  const e = event.data;
  return (
    <>
      <p>
        <Link to="/events" search={{ cityId: e.cityId, cursor: undefined }}>
          ← Events
        </Link>
      </p>
      <h1>{e.title}</h1>
      <dl className="facts">
        <dt>When</dt>
        <dd>
          {e.startsAt.slice(0, 16).replace('T', ' ')} – {e.endsAt.slice(11, 16)} ({e.timeZone})
        </dd>
        <dt>Status</dt>
        <dd>{e.status}</dd>
        <dt>Capacity</dt>
        <dd>
          {e.counts.registered} registered of {e.capacity}, {e.counts.waitlisted} waitlisted, {e.counts.attended} attended
        </dd>
        {e.flags.length > 0 && (
          <>
            <dt>Needs attention</dt>
            <dd>{e.flags.map((flag) => `${flag.reason.replace(/_/g, ' ')} (${flag.effectiveDate})`).join(', ')}</dd>
          </>
        )}
      </dl>
      <h2>Roster</h2>
      <DataTable
        caption="Roster"
        columns={columns}
        query={roster}
        cursor={cursor}
        onCursor={(next) => void navigate({ search: { cursor: next } })}
        empty="Nobody has registered yet."
      />
    </>
  );
}
