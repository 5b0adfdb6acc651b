import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Problem, ProblemCode } from '@crosswalk/problems';

/** No Crosswalk body nests deeper than a handful of levels; 32 leaves room and stays far from any stack limit. */
export const MAX_JSON_DEPTH = 32;

/**
 * How deep `value` nests objects and arrays (a scalar is 0, `{}` is 1), counted without recursion so that a
 * hostile body cannot overflow the stack here. Stops counting once past `limit`.
 */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length) {
    const next = pending.pop()!;
    if (next.value === null || typeof next.value !== 'object') continue;
    const depth = next.depth + 1;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(next.value)) {
      if (child !== null && typeof child === 'object') pending.push({ value: child, depth });
    }
  }
  return deepest;
}

/**
 * Refuses a parsed JSON body nested deeper than MAX_JSON_DEPTH before it reaches class-transformer and
 * class-validator, which recurse per level and overflow the stack (a 500) on a body some thousands deep.
 */
@Injectable()
export class JsonDepthMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    const body: unknown = request.body;
    if (body !== null && typeof body === 'object' && jsonDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      throw new Problem(ProblemCode.BodyTooDeep, `The JSON body nests more than ${MAX_JSON_DEPTH} levels`);
    }
    next();
  }
}
