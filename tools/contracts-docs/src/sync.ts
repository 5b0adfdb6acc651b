import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SCHEMAS_DIR } from './model';

export interface DocumentChanges {
  created: string[];
  updated: string[];
  /** Files under docs/contracts/schemas/ the generator no longer produces (a contract was removed or renamed). */
  deleted: string[];
  unchanged: string[];
}

/** Finds the repository root (the folder with nx.json) from a file's folder, in src/ or compiled in dist/. */
export function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No nx.json above ${from}: cannot find the repository root`);
  }
}

/** Every file under docs/contracts/schemas/, relative to the root, sorted. */
function committedSchemaFiles(root: string): string[] {
  const dir = join(root, SCHEMAS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${SCHEMAS_DIR}/${e.name}`)
    .sort();
}

/** Compares the generated documents with the files on disk; reads only. */
export function planDocumentChanges(root: string, generated: ReadonlyMap<string, string>): DocumentChanges {
  const changes: DocumentChanges = { created: [], updated: [], deleted: [], unchanged: [] };
  for (const [path, content] of generated) {
    const file = join(root, path);
    if (!existsSync(file)) changes.created.push(path);
    else if (readFileSync(file, 'utf8') !== content) changes.updated.push(path);
    else changes.unchanged.push(path);
  }
  changes.deleted = committedSchemaFiles(root).filter((path) => !generated.has(path));
  return changes;
}

export function hasDrift(changes: DocumentChanges): boolean {
  return changes.created.length + changes.updated.length + changes.deleted.length > 0;
}

/** Writes created/updated files (creating folders) and deletes stale schema files. */
export function applyDocumentChanges(root: string, generated: ReadonlyMap<string, string>, changes: DocumentChanges): void {
  for (const path of [...changes.created, ...changes.updated]) {
    const content = generated.get(path);
    if (content === undefined) continue;
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  for (const path of changes.deleted) rmSync(join(root, path));
}

/** One line per changed file: what was done (`applied`), or what is wrong with the committed files (`drift`). */
export function describeChanges(changes: DocumentChanges, mode: 'applied' | 'drift'): string[] {
  const [created, updated, deleted] = mode === 'applied' ? ['created', 'updated', 'deleted'] : ['missing', 'differs', 'stale  '];
  return [
    ...changes.created.map((p) => `${created}  ${p}`),
    ...changes.updated.map((p) => `${updated}  ${p}`),
    ...changes.deleted.map((p) => `${deleted}  ${p}${mode === 'drift' ? ' (no longer generated)' : ''}`),
  ];
}
