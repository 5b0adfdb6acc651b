import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';

/**
 * The queries screens share, one place per resource, so the same data has the same cache key everywhere.
 * The city list is small (a network has tens of cities): one page of the maximum size names them all.
 */
export const citiesQuery = () =>
  queryOptions({
    queryKey: ['cities', 'all'],
    queryFn: () => unwrap(api.GET('/v1/cities', { params: { query: { limit: 200 } } })),
    staleTime: 5 * 60_000,
  });

export function cityName(cities: { id: string; name: string }[] | undefined, cityId: string): string {
  return cities?.find((city) => city.id === cityId)?.name ?? cityId;
}
