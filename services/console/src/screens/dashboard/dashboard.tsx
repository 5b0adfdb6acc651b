import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { CitySelect } from '../../components/city-select';
import { Field } from '../../components/field';
import { dashboardRoute } from '../../router';
import { Heatmap } from './heatmap';
import { Panel } from './panel';
import { sectorMix, turnoverByYear } from './turnover';

type Schemas = components['schemas'];
const CHART_HEIGHT = 260;
const percent = (value: unknown) => (typeof value === 'number' ? `${(value * 100).toFixed(1)} %` : '—');
const decimal = (value: unknown) => (typeof value === 'number' ? value.toFixed(2) : '—');

/** The metrics answer JSON unless asked for CSV; the console always asks for JSON. */
function json<T>(data: T | string): T {
  if (typeof data === 'string') throw new Error('The metrics service answered CSV where JSON was asked for');
  return data;
}

/** The network dashboard: the metrics service's reports for one city (or all) and one period, all in the URL. */
export function DashboardScreen() {
  const search = dashboardRoute.useSearch();
  const navigate = dashboardRoute.useNavigate();
  const { cityId, from, to } = search;
  const period = { cityId, from, to };

  const network = useQuery({
    queryKey: ['metrics', 'network', period],
    queryFn: async () => json(await unwrap(api.GET('/v1/metrics/network', { params: { query: { ...period, format: 'json' } } }))),
  });
  const reach = useQuery({
    queryKey: ['metrics', 'reach', period],
    queryFn: async () => json(await unwrap(api.GET('/v1/metrics/reach', { params: { query: { ...period, format: 'json' } } }))),
  });
  const satisfaction = useQuery({
    queryKey: ['metrics', 'satisfaction', period],
    queryFn: async () => json(await unwrap(api.GET('/v1/metrics/satisfaction', { params: { query: { ...period, by: 'city', format: 'json' } } }))),
  });
  const crossSector = useQuery({
    queryKey: ['metrics', 'cross-sector', period],
    queryFn: async () => json(await unwrap(api.GET('/v1/metrics/cross-sector', { params: { query: { ...period, format: 'json' } } }))),
  });
  const turnover = useQuery({
    queryKey: ['metrics', 'leadership', { cityId }],
    queryFn: async () => json(await unwrap(api.GET('/v1/metrics/leadership', { params: { query: { cityId, format: 'json' } } }))),
  });

  const set = (change: Partial<typeof search>) => void navigate({ search: { ...search, ...change } });
  const networkRows: Schemas['NetworkItem'][] = network.data?.items ?? [];
  const reachRows: Schemas['ReachItem'][] = reach.data?.items ?? [];
  const satisfactionRows: Schemas['SatisfactionItem'][] = satisfaction.data?.items ?? [];
  const crossRows = sectorMix(crossSector.data?.items ?? []);
  const turnoverRows = turnoverByYear(turnover.data?.items ?? []);

  return (
    <>
      <h1>Network dashboard</h1>
      <div className="filters" role="search" aria-label="Dashboard period">
        <CitySelect value={cityId} onChange={(next) => set({ cityId: next })} />
        <Field label="From">
          {(props) => <input {...props} type="date" value={from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />}
        </Field>
        <Field label="To">{(props) => <input {...props} type="date" value={to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />}</Field>
      </div>

      <Panel
        title="Events and participants"
        filename="network"
        state={network}
        rows={networkRows}
        empty="No event in this period."
        columns={[
          { key: 'cityName', header: 'City' },
          { key: 'events', header: 'Events', numeric: true },
          { key: 'sessions', header: 'Sessions', numeric: true },
          { key: 'participants', header: 'Participants', numeric: true },
          { key: 'schools', header: 'Schools', numeric: true },
          { key: 'schoolLeaders', header: 'School leaders', numeric: true },
        ]}
        chart={
          <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
            <BarChart accessibilityLayer={false} data={networkRows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="cityName" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar isAnimationActive={false} dataKey="events" name="Events" fill="#1f4e79" />
              <Bar isAnimationActive={false} dataKey="participants" name="Participants" fill="#c8553d" />
            </BarChart>
          </ResponsiveContainer>
        }
      />

      <Panel
        title="Reach"
        filename="reach"
        state={reach}
        rows={reachRows}
        empty="No school reached in this period."
        columns={[
          { key: 'cityName', header: 'City' },
          { key: 'schools', header: 'Schools reached', numeric: true },
          { key: 'schoolsInCity', header: 'Schools in city', numeric: true },
          { key: 'neverReached', header: 'Never reached', numeric: true },
          { key: 'newParticipants', header: 'New participants', numeric: true },
          { key: 'repeatParticipants', header: 'Repeat participants', numeric: true },
        ]}
        chart={
          <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
            <BarChart accessibilityLayer={false} data={reachRows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="cityName" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar isAnimationActive={false} dataKey="schools" name="Reached" stackId="schools" fill="#1f4e79" />
              <Bar isAnimationActive={false} dataKey="neverReached" name="Never reached" stackId="schools" fill="#b0bec5" />
            </BarChart>
          </ResponsiveContainer>
        }
      />

      <Panel
        title="Leadership turnover by year"
        filename="turnover"
        state={turnover}
        rows={turnoverRows}
        empty="No leadership recorded yet."
        columns={[
          { key: 'year', header: 'Year' },
          { key: 'transitions', header: 'Principal transitions', numeric: true },
          { key: 'schoolsWithPrincipal', header: 'Schools with a principal', numeric: true },
          { key: 'turnoverRate', header: 'Turnover', numeric: true, format: percent },
        ]}
        chart={
          <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
            <LineChart accessibilityLayer={false} data={turnoverRows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="year" />
              <YAxis tickFormatter={(v: number) => `${Math.round(v * 100)} %`} />
              <Tooltip formatter={(v) => percent(v)} />
              <Line isAnimationActive={false} type="linear" dataKey="turnoverRate" name="Turnover" stroke="#1f4e79" strokeWidth={2} />
            </LineChart>
          </ResponsiveContainer>
        }
      />

      <Panel
        title="Cross-sector attendance"
        filename="cross-sector"
        state={crossSector}
        rows={crossRows}
        empty="No attendance in this period."
        columns={[
          { key: 'hostSector', header: 'Host sector' },
          { key: 'attendeeSector', header: 'Attendee sector' },
          { key: 'attendances', header: 'Attendances', numeric: true },
        ]}
        chart={
          <Heatmap
            rowLabel="Host sector"
            columnLabel="attendee sector"
            cells={crossRows.map((r) => ({ row: r.hostSector, column: r.attendeeSector, value: r.attendances }))}
          />
        }
      />

      <Panel
        title="Satisfaction"
        filename="satisfaction"
        state={satisfaction}
        rows={satisfactionRows}
        empty="No survey answered in this period."
        columns={[
          { key: 'cityName', header: 'City' },
          { key: 'responses', header: 'Responses', numeric: true },
          { key: 'responseRate', header: 'Response rate', numeric: true, format: percent },
          { key: 'meanUsefulness', header: 'Mean usefulness (1–5)', numeric: true, format: decimal },
          { key: 'nps', header: 'NPS', numeric: true, format: decimal },
        ]}
        chart={
          <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
            <BarChart accessibilityLayer={false} data={satisfactionRows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="cityName" />
              <YAxis domain={[0, 5]} />
              <Tooltip />
              <Bar isAnimationActive={false} dataKey="meanUsefulness" name="Mean usefulness" fill="#1f4e79" />
            </BarChart>
          </ResponsiveContainer>
        }
      />
    </>
  );
}
