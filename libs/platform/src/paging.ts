import type { SelectQueryBuilder } from 'typeorm';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Problem, ProblemCode } from '@crosswalk/problems';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?limit=&cursor=`: every list endpoint pages. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`).' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Cursors are opaque to callers: the last id of the page, base64url-encoded. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) {
    throw new Problem(ProblemCode.InvalidCursor, 'Invalid cursor', { errors: [{ field: 'cursor', messages: ['cursor is not one this API issued'] }] });
  }
  return id;
}

/** Builds a page from `limit + 1` rows fetched in id order: the extra row only says there is more. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return { items: items.map(map), nextCursor: more && items.length ? encodeCursor(items[items.length - 1].id) : null };
}

export function pageSize(query: PageQuery): number {
  return query.limit ?? DEFAULT_PAGE_SIZE;
}

/**
 * Runs a keyset-paged list query ordered by id (ids are time-ordered), optionally restricted to the
 * caller's cities through `cityColumn`.
 */
export async function fetchPage<E extends { id: string }, T>(
  select: SelectQueryBuilder<E>,
  query: PageQuery,
  map: (row: E) => T,
  scope?: { cityColumn: string; cities: string[] | undefined },
): Promise<Page<T>> {
  const alias = select.alias;
  const limit = pageSize(query);
  const after = decodeCursor(query.cursor);
  select.orderBy(`${alias}.id`, 'ASC').limit(limit + 1);
  if (scope?.cities) select.andWhere(`${scope.cityColumn} IN (:...scopeCities)`, { scopeCities: scope.cities });
  if (after) select.andWhere(`${alias}.id > :afterId`, { afterId: after });
  return toPage(await select.getMany(), limit, map);
}
