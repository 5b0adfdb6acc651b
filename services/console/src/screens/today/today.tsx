import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import { citiesQuery, cityName } from '../../api/queries';
import { CitySelect } from '../../components/city-select';
import { Empty, ErrorState, Loading } from '../../components/states';
import { todayRoute } from '../../router';
import { dayOffset, daysUntil } from './dates';

const WINDOW_DAYS = 30;

/**
 * What changed in my cities and what needs me: one request per panel (the API does the filtering, the browser
 * never fans out over schools). Panels still missing are named at the bottom.
 */
export function TodayScreen() {
  const { cityId } = todayRoute.useSearch();
  const navigate = todayRoute.useNavigate();
  const cities = useQuery(citiesQuery());
  const now = new Date();
  const today = dayOffset(now, 0);
  const from = dayOffset(now, -WINDOW_DAYS);

  const transitions = useQuery({
    queryKey: ['leadership-transitions', { cityId, from, to: today }],
    queryFn: () => unwrap(api.GET('/v1/leadership-transitions', { params: { query: { cityId, from, to: today, limit: 200 } } })),
  });
  const awaiting = useQuery({
    queryKey: ['colocations', { cityId, status: 'awaiting_recommitment' }],
    queryFn: () => unwrap(api.GET('/v1/colocations', { params: { query: { cityId, status: 'awaiting_recommitment', limit: 200 } } })),
  });
  const hostChanged = useQuery({
    queryKey: ['events', { cityId, flag: 'host_leader_changed', from: today }],
    queryFn: () => unwrap(api.GET('/v1/events', { params: { query: { cityId, flag: 'host_leader_changed', from: today, limit: 200 } } })),
  });

  // The most urgent first: the fewest days left in the grace period.
  const recommitments = (awaiting.data?.items ?? [])
    .flatMap((colocation) =>
      colocation.members
        .filter((member) => member.pendingRecommitment)
        .map((member) => ({ colocation, member, dueBy: member.pendingRecommitment?.dueBy ?? today })),
    )
    .sort((a, b) => a.dueBy.localeCompare(b.dueBy));

  return (
    <>
      <h1>Today</h1>
      <div className="filters" role="search" aria-label="Today's cities">
        <CitySelect value={cityId} onChange={(next) => void navigate({ search: { cityId: next } })} />
      </div>

      <TodayPanel
        title={`Leadership transitions in the last ${WINDOW_DAYS} days`}
        state={transitions}
        count={transitions.data?.items.length}
        empty="No leadership change in this period."
      >
        <table>
          <caption className="visually-hidden">Leadership transitions</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Where</th>
              <th scope="col">Role</th>
              <th scope="col">Left</th>
              <th scope="col">Arrived</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {[...(transitions.data?.items ?? [])]
              .sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate))
              .map((t) => (
                <tr key={t.id}>
                  <td>{t.effectiveDate}</td>
                  <td>
                    {t.holderName} <span className="meta">({cityName(cities.data?.items, t.cityId)})</span>
                  </td>
                  <td>{t.role.replace(/_/g, ' ')}</td>
                  <td>{t.outgoingPersonName ?? 'vacant'}</td>
                  <td>{t.incomingPersonName ?? 'vacant'}</td>
                  <td>
                    {t.holderKind === 'school' ? (
                      <Link to="/directory/schools/$schoolId" params={{ schoolId: t.holderId }}>
                        Review the school<span className="visually-hidden"> {t.holderName}</span>
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </TodayPanel>

      <TodayPanel title="Colocations awaiting recommitment" state={awaiting} count={recommitments.length} empty="No colocation is waiting for a recommitment.">
        <table>
          <caption className="visually-hidden">Colocations awaiting recommitment</caption>
          <thead>
            <tr>
              <th scope="col">School</th>
              <th scope="col">City</th>
              <th scope="col">Leader changed on</th>
              <th scope="col">Recommit by</th>
              <th scope="col" className="number">
                Days left
              </th>
            </tr>
          </thead>
          <tbody>
            {recommitments.map(({ colocation, member, dueBy }) => (
              <tr key={`${colocation.id}-${member.schoolId}`}>
                <td>
                  <Link to="/directory/schools/$schoolId" params={{ schoolId: member.schoolId }}>
                    {member.name}
                  </Link>
                </td>
                <td>{cityName(cities.data?.items, colocation.cityId)}</td>
                <td>{member.pendingRecommitment?.effectiveDate}</td>
                <td>{dueBy}</td>
                <td className="number">{daysUntil(today, dueBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TodayPanel>

      <TodayPanel
        title="Upcoming events whose host school changed leader"
        state={hostChanged}
        count={hostChanged.data?.items.length}
        empty="No upcoming event is affected."
      >
        <table>
          <caption className="visually-hidden">Upcoming events whose host changed</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Starts</th>
              <th scope="col">City</th>
              <th scope="col">Host changed on</th>
            </tr>
          </thead>
          <tbody>
            {hostChanged.data?.items.map((event) => (
              <tr key={event.id}>
                <td>
                  <Link to="/events/$eventId" params={{ eventId: event.id }}>
                    {event.title}
                  </Link>
                </td>
                <td>{event.startsOn}</td>
                <td>{cityName(cities.data?.items, event.cityId)}</td>
                <td>{event.flags.map((flag) => flag.effectiveDate).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TodayPanel>

      <p className="meta">Not on this screen yet: compact signers who left, mentors departed, practices whose origin leader left.</p>
    </>
  );
}

function TodayPanel({
  title,
  state,
  count,
  empty,
  children,
}: {
  title: string;
  state: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  count: number | undefined;
  empty: string;
  children: ReactNode;
}) {
  const id = `today-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {title}
        {count !== undefined && count > 0 && <span className="meta"> ({count})</span>}
      </h2>
      {state.isPending ? (
        <Loading what={title.toLowerCase()} />
      ) : state.isError ? (
        <ErrorState error={state.error} retry={() => void state.refetch()} />
      ) : count === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        children
      )}
    </section>
  );
}
