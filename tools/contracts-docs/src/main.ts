// Writes docs/contracts/ (JSON Schemas, AsyncAPI, README) from libs/contracts.
//   node -r ./tools/runtime/paths.js dist/tools/contracts-docs/src/main.js [--check]
// --check writes nothing and exits 1 when a committed document differs from what the contracts generate.
// class-transformer's @Type (used by the envelope) needs Reflect.getMetadata before libs/contracts loads.
import 'reflect-metadata';
import { generateContractDocuments } from './generate';
import { publishedVersionBreaks } from './compatibility';
import { REGENERATE_COMMAND } from './model';
import { applyDocumentChanges, describeChanges, findRepoRoot, hasDrift, planDocumentChanges } from './sync';

function main(argv: readonly string[]): number {
  const unknown = argv.filter((a) => a !== '--check' && a !== '--allow-breaking');
  if (unknown.length) {
    console.error(`Unknown argument(s): ${unknown.join(' ')}. Usage: contracts-docs [--check] [--allow-breaking]`);
    return 2;
  }
  const check = argv.includes('--check');
  const root = findRepoRoot(__dirname);
  const generated = generateContractDocuments();
  const changes = planDocumentChanges(root, generated);
  const breaks = publishedVersionBreaks(root, generated, changes);
  if (breaks.length && !argv.includes('--allow-breaking')) {
    console.error(`contracts docs: ${breaks.length} breaking change(s) to published contract versions:`);
    for (const line of breaks) console.error(`  ${line}`);
    console.error('A published version never changes what it accepts: define the change as a new version (with an upcaster) instead.');
    console.error('(--allow-breaking writes it anyway, for a version that was never published.)');
    return 1;
  }

  if (check) {
    const lines = describeChanges(changes, 'drift');
    if (!hasDrift(changes)) {
      console.log(`contracts docs: ${generated.size} files up to date`);
      return 0;
    }
    console.error(`contracts docs: ${lines.length} file(s) out of date with libs/contracts:`);
    for (const line of lines) console.error(`  ${line}`);
    console.error(`Run \`${REGENERATE_COMMAND}\` and commit the result.`);
    return 1;
  }

  applyDocumentChanges(root, generated, changes);
  const lines = describeChanges(changes, 'applied');
  for (const line of lines) console.log(line);
  console.log(`contracts docs: ${lines.length} changed, ${changes.unchanged.length} unchanged`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
