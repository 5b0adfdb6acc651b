import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client';
import { citiesQuery, cityName } from '../../api/queries';
import { Field } from '../../components/field';
import { Empty, ErrorState, Loading } from '../../components/states';
import { schoolRoute } from '../../router';

/** A school: its facts, its leadership timeline, and who led it on any date (the date is in the URL). */
export function SchoolScreen() {
  const { schoolId } = schoolRoute.useParams();
  const { on } = schoolRoute.useSearch();
  const navigate = schoolRoute.useNavigate();
  const cities = useQuery(citiesQuery());
  const school = useQuery({ queryKey: ['school', schoolId], queryFn: () => unwrap(api.GET('/v1/schools/{id}', { params: { path: { id: schoolId } } })) });
  const history = useQuery({
    queryKey: ['school', schoolId, 'leadership-history'],
    queryFn: () => unwrap(api.GET('/v1/schools/{id}/leadership-history', { params: { path: { id: schoolId } } })),
  });
  const holders = useQuery({
    queryKey: ['school', schoolId, 'role-holders', on],
    queryFn: () => unwrap(api.GET('/v1/schools/{id}/role-holders', { params: { path: { id: schoolId }, query: { role: 'principal', on } } })),
  });

  if (school.isPending) return <Loading what="the school" />;
  if (school.isError) return <ErrorState error={school.error} retry={() => void school.refetch()} />;
  const s = school.data;
  const tenures = [...(history.data?.tenures ?? [])].sort((a, b) => b.startDate.localeCompare(a.startDate));

  return (
    <>
      <p>
        <Link to="/directory/schools" search={{ cityId: s.cityId, sector: undefined, status: undefined, cursor: undefined }}>
          ← Schools in {cityName(cities.data?.items, s.cityId)}
        </Link>
      </p>
      <h1>{s.name}</h1>
      <dl className="facts">
        <dt>City</dt>
        <dd>{cityName(cities.data?.items, s.cityId)}</dd>
        <dt>Sector</dt>
        <dd>{s.sector}</dd>
        <dt>Status</dt>
        <dd>{s.status === 'closed' ? `Closed on ${s.closedOn ?? '?'}` : 'Open'}</dd>
        <dt>NCES id</dt>
        <dd>{s.ncesId ?? '—'}</dd>
      </dl>

      <h2>Who led it</h2>
      <div className="filters">
        <Field label="On date">
          {(props) => <input {...props} type="date" value={on ?? ''} onChange={(e) => void navigate({ search: { on: e.target.value || undefined } })} />}
        </Field>
      </div>
      {holders.isPending ? (
        <Loading what="the principal" />
      ) : holders.isError ? (
        <ErrorState error={holders.error} />
      ) : holders.data.holders.length === 0 ? (
        <Empty>No principal {on ? `on ${on}` : 'today'}.</Empty>
      ) : (
        <p data-testid="principal-on-date">
          {on ? `On ${holders.data.on}` : 'Today'}: {holders.data.holders.map((h) => `${h.fullName} (since ${h.startDate})`).join(', ')}
        </p>
      )}

      <h2>Leadership timeline</h2>
      {history.isPending ? (
        <Loading what="the leadership timeline" />
      ) : history.isError ? (
        <ErrorState error={history.error} retry={() => void history.refetch()} />
      ) : tenures.length === 0 ? (
        <Empty>No leadership recorded for this school.</Empty>
      ) : (
        <ol className="timeline" aria-label="Leadership timeline">
          {tenures.map((tenure) => (
            <li key={tenure.id} className={tenure.superseded ? 'superseded' : undefined}>
              <strong>{tenure.fullName}</strong>, {tenure.role.replace(/_/g, ' ')}: {tenure.startDate} – {tenure.endDate ?? 'today'}
              {tenure.superseded && <span className="meta"> (replaced by a correction)</span>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
