import type { EntityManager } from 'typeorm';

/**
 * Where a fellow's placements come from for `GET /v1/fellows/:id`: the placements capability (a `placements/`
 * folder beside `fellows/`) provides its own implementation of this token in the fellows module; until it does,
 * every fellow answers `placements: []`.
 */
export abstract class FellowPlacements {
  /** Each fellow's placements as answered, in one bounded set of queries for the whole page. */
  abstract of(manager: EntityManager, fellowIds: readonly string[]): Promise<Map<string, object[]>>;
}

/** No placements capability yet: no fellow has placements. */
export class NoPlacements extends FellowPlacements {
  of(): Promise<Map<string, object[]>> {
    return Promise.resolve(new Map());
  }
}
