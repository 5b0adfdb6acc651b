import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
// js-yaml is present through @nestjs/swagger but not declared in package.json: ask the lead to add it as
// a devDependency (see deploy/README.md). Kept to this one file so swapping parsers is a one-line change.
import { CORE_SCHEMA, loadAll, mergeTag, YAML11_SCHEMA } from 'js-yaml';

/**
 * Test support (outside src/, so not built into dist/): walking deploy/, parsing YAML and reading the
 * parsed values with checked types.
 */
export const REPO_ROOT = resolve(__dirname, '../../..');
export const DEPLOY_DIR = join(REPO_ROOT, 'deploy');
export const GENERATED_DIR = join(DEPLOY_DIR, 'k8s', 'generated');

/**
 * Every document of a YAML text. YAML 1.2 core schema plus merge keys (`<<: *anchor`), which Compose
 * accepts; a syntax error throws with the line and column.
 */
export function parseYaml(text: string): unknown[] {
  return loadAll(text, { schema: CORE_SCHEMA.withTags(mergeTag) });
}

/** YAML 1.1 reading (yes/no/on/off are booleans, 0777 is octal), as older Kubernetes tooling does. */
export function parseYaml11(text: string): unknown[] {
  return loadAll(text, { schema: YAML11_SCHEMA });
}

export function readRepoFile(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

/** Repository-relative paths of files under `dir` whose name matches `pattern`, sorted. */
export function listFiles(dir: string, pattern: RegExp): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (pattern.test(entry)) found.push(relative(REPO_ROOT, path));
    }
  };
  walk(dir);
  return found.sort();
}

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rec(value: unknown, where: string): Json {
  if (!isRecord(value)) throw new Error(`${where}: expected a mapping, got ${JSON.stringify(value)}`);
  return value;
}

export function arr(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected a sequence, got ${JSON.stringify(value)}`);
  return value;
}

export function str(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new Error(`${where}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

/** Follows a dotted path through mappings (`spec.template.spec`). */
export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) current = rec(current, path)[key];
  return current;
}
