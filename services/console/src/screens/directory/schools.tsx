import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { citiesQuery, cityName } from '../../api/queries';
import type { components } from '../../api/schema';
import { useCan } from '../../auth/session-context';
import { CitySelect } from '../../components/city-select';
import { DataTable } from '../../components/data-table';
import { Field } from '../../components/field';
import { ErrorState } from '../../components/states';
import { SCHOOL_SECTORS, SCHOOL_STATUSES, schoolsRoute } from '../../router';

type School = components['schemas']['SchoolResponse'];
type Sector = (typeof SCHOOL_SECTORS)[number];

const SECTOR_NAMES: Record<Sector, string> = {
  district: 'District',
  charter: 'Charter',
  catholic: 'Catholic',
  independent: 'Independent',
  faith_based: 'Faith-based',
};

export function SchoolsScreen() {
  const search = schoolsRoute.useSearch();
  const navigate = schoolsRoute.useNavigate();
  const allowed = useCan();
  const cities = useQuery(citiesQuery());
  const [creating, setCreating] = useState(false);
  const { cityId, sector, status, cursor } = search;
  const query = useQuery({
    queryKey: ['schools', { cityId, sector, status, cursor }],
    queryFn: () => unwrap(api.GET('/v1/schools', { params: { query: { cityId, sector, status, cursor, limit: 50 } } })),
    placeholderData: keepPreviousData,
  });
  // A filter change starts again at the first page.
  const filter = (change: Partial<typeof search>) => void navigate({ search: { ...search, ...change, cursor: undefined } });

  const columns = useMemo<ColumnDef<School, unknown>[]>(
    () => [
      {
        header: 'School',
        accessorKey: 'name',
        cell: ({ row }) => (
          <Link to="/directory/schools/$schoolId" params={{ schoolId: row.original.id }} search={{ on: undefined }}>
            {row.original.name}
          </Link>
        ),
      },
      { header: 'City', accessorKey: 'cityId', cell: ({ row }) => cityName(cities.data?.items, row.original.cityId) },
      { header: 'Sector', accessorKey: 'sector', cell: ({ row }) => SECTOR_NAMES[row.original.sector] },
      { header: 'Status', accessorKey: 'status', cell: ({ row }) => (row.original.status === 'closed' ? `Closed ${row.original.closedOn ?? ''}` : 'Open') },
      { header: 'NCES id', accessorKey: 'ncesId', cell: ({ row }) => row.original.ncesId ?? '—' },
    ],
    [cities.data],
  );

  return (
    <>
      <h1>Schools</h1>
      <div className="filters" role="search" aria-label="Filter schools">
        <CitySelect value={cityId} onChange={(next) => filter({ cityId: next })} />
        <Field label="Sector">
          {(props) => (
            <select {...props} value={sector ?? ''} onChange={(e) => filter({ sector: (e.target.value || undefined) as Sector | undefined })}>
              <option value="">All sectors</option>
              {SCHOOL_SECTORS.map((value) => (
                <option key={value} value={value}>
                  {SECTOR_NAMES[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status">
          {(props) => (
            <select
              {...props}
              value={status ?? ''}
              onChange={(e) => filter({ status: (e.target.value || undefined) as (typeof SCHOOL_STATUSES)[number] | undefined })}
            >
              <option value="">Open and closed</option>
              <option value="open">Open</option>
              <option value="closed">Closed</option>
            </select>
          )}
        </Field>
        {allowed('create', 'school') && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New school
          </button>
        )}
      </div>
      {creating && <NewSchoolForm defaultCityId={cityId} onDone={() => setCreating(false)} />}
      <DataTable
        caption="Schools"
        columns={columns}
        query={query}
        cursor={cursor}
        onCursor={(next) => void navigate({ search: { ...search, cursor: next } })}
        empty="No school matches these filters."
      />
    </>
  );
}

/** Creating a school: the API's field errors (problem details `errors[]`) appear next to their fields. */
function NewSchoolForm({ defaultCityId, onDone }: { defaultCityId: string | undefined; onDone: () => void }) {
  const queryClient = useQueryClient();
  const navigate = schoolsRoute.useNavigate();
  const [name, setName] = useState('');
  const [sector, setSector] = useState<Sector>('district');
  const [cityId, setCityId] = useState(defaultCityId);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/schools', { body: { name, sector, cityId: cityId ?? '' } })),
    onSuccess: (school) => {
      void queryClient.invalidateQueries({ queryKey: ['schools'] });
      onDone();
      void navigate({ to: '/directory/schools/$schoolId', params: { schoolId: school.id }, search: { on: undefined } });
    },
  });
  const fieldErrors = create.error instanceof ApiProblem ? create.error.fieldErrors : {};
  const otherError = create.error && Object.keys(fieldErrors).length === 0 ? create.error : undefined;
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label="New school" noValidate>
      <h2>New school</h2>
      <Field label="Name" errors={fieldErrors.name}>
        {(props) => <input {...props} name="name" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label="Sector" errors={fieldErrors.sector}>
        {(props) => (
          <select {...props} name="sector" value={sector} onChange={(e) => setSector(e.target.value as Sector)}>
            {SCHOOL_SECTORS.map((value) => (
              <option key={value} value={value}>
                {SECTOR_NAMES[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CitySelect value={cityId} onChange={setCityId} errors={fieldErrors.cityId} />
      {otherError && <ErrorState error={otherError} />}
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? 'Saving…' : 'Create school'}
      </button>{' '}
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}
