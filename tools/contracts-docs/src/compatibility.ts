// A published contract version is frozen in what it accepts: consumers validate old and new records with it, and
// replays feed them records written years ago. Its documentation may change (descriptions, examples, `x-`
// annotations such as `x-personal-data`); anything else that changes which payloads validate is a breaking change,
// which must be a new version (`<type>.v<N+1>`, with an upcaster) instead.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentChanges } from './sync';

/** Keys that document a schema without changing which values it accepts. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'example', '$comment', 'deprecated', 'readOnly', 'writeOnly']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The part of a schema that decides what validates: annotations and `x-` extensions removed, at every depth. */
export function acceptanceOf(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(acceptanceOf);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !ANNOTATIONS.has(key) && !key.startsWith('x-'))
      .map(([key, value]) => [key, acceptanceOf(value)]),
  );
}

/** Where two schemas differ in what they accept, as JSON pointers (empty when the change is documentation only). */
export function breakingChanges(published: Json, generated: Json, at = ''): string[] {
  const before = acceptanceOf(published);
  const after = acceptanceOf(generated);
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before === null || after === null || typeof before !== 'object' || typeof after !== 'object' || Array.isArray(before) !== Array.isArray(after)) {
    return [at || '/'];
  }
  if (Array.isArray(before) || Array.isArray(after)) return [at || '/'];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) => {
    const path = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!(key in before) || !(key in after)) return [path];
    return breakingChanges(before[key], after[key], path);
  });
}

/** Whether a file is the schema of a published version (`schemas/<type>.v<N>.json`, the envelope's included). */
export const isVersionedSchema = (path: string): boolean => /\/schemas\/[^/]+\.v\d+\.json$/.test(path);

/**
 * The breaking changes regenerating would make to the committed (published) versions: one line per changed place
 * of an updated schema, and one per version that would disappear.
 */
export function publishedVersionBreaks(root: string, generated: ReadonlyMap<string, string>, changes: DocumentChanges): string[] {
  const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Json;
  return [
    ...changes.updated
      .filter(isVersionedSchema)
      .flatMap((path) =>
        breakingChanges(read(path), JSON.parse(generated.get(path) ?? 'null') as Json).map((pointer) => `${path}: ${pointer} accepts other values`),
      ),
    ...changes.deleted.filter(isVersionedSchema).map((path) => `${path}: a published version would no longer exist`),
  ];
}
