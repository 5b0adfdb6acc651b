import { type EntityManager, In } from 'typeorm';
import { KnownCity } from './known-city.entity';

/** The directory's names of these cities, for labelling report rows (a city not heard of yet has none). */
export async function cityNamesOf(manager: EntityManager, cityIds: Iterable<string>): Promise<(cityId: string) => string | null> {
  const ids = [...new Set(cityIds)];
  const cities = ids.length === 0 ? [] : await manager.find(KnownCity, { where: { id: In(ids) }, select: { id: true, name: true } });
  const names = new Map(cities.map((c) => [c.id, c.name]));
  return (cityId) => names.get(cityId) ?? null;
}
