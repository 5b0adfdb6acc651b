/**
 * A small, deterministic YAML writer for the generated deploy manifests: maps, sequences and scalars,
 * block style, two-space indent, keys in insertion order. Strings that could be read as anything but a
 * string (numbers, booleans, null, or text with YAML indicators) are written double-quoted, which is
 * JSON string syntax and valid YAML. Kept dependency-free so generating manifests needs no YAML package.
 */
export type YamlScalar = string | number | boolean | null;
export type YamlValue = YamlScalar | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

export function yamlString(value: string): string {
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

function scalar(value: YamlScalar): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} to YAML`);
    return String(value);
  }
  return value ? 'true' : 'false';
}

function isSequence(value: YamlValue): value is readonly YamlValue[] {
  return Array.isArray(value);
}

function isMapping(value: YamlValue): value is { readonly [key: string]: YamlValue | undefined } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entries(map: { readonly [key: string]: YamlValue | undefined }): [string, YamlValue][] {
  return Object.entries(map).filter((e): e is [string, YamlValue] => e[1] !== undefined);
}

/** Lines of a value that starts on its own line at `indent`. */
function block(value: YamlValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (isSequence(value)) {
    const lines: string[] = [];
    for (const item of value) {
      if (isMapping(item) && entries(item).length > 0) {
        const [first, ...rest] = block(item, indent + 2);
        lines.push(`${pad}- ${(first ?? '').trimStart()}`, ...rest);
      } else if (isSequence(item) && item.length > 0) {
        throw new Error('Nested sequences are not supported by the manifest YAML writer');
      } else {
        lines.push(`${pad}- ${inline(item)}`);
      }
    }
    return lines;
  }
  if (isMapping(value)) {
    const lines: string[] = [];
    for (const [key, v] of entries(value)) {
      const k = yamlString(key);
      if ((isSequence(v) && v.length > 0) || (isMapping(v) && entries(v).length > 0)) {
        lines.push(`${pad}${k}:`, ...block(v, indent + 2));
      } else {
        lines.push(`${pad}${k}: ${inline(v)}`);
      }
    }
    return lines;
  }
  return [`${pad}${scalar(value)}`];
}

/** A value on the same line as its key or dash: scalars and empty collections only. */
function inline(value: YamlValue): string {
  if (isSequence(value)) {
    if (value.length > 0) throw new Error('Non-empty sequence cannot be written inline');
    return '[]';
  }
  if (isMapping(value)) {
    if (entries(value).length > 0) throw new Error('Non-empty mapping cannot be written inline');
    return '{}';
  }
  return scalar(value);
}

/** One YAML document (no leading `---`), ending with a newline. */
export function toYaml(value: YamlValue): string {
  return `${block(value, 0).join('\n')}\n`;
}

/** Several documents separated by `---`, with optional leading comment lines. */
export function toYamlDocuments(documents: readonly YamlValue[], headerComment: readonly string[] = []): string {
  const header = headerComment.map((line) => (line ? `# ${line}` : '#')).join('\n');
  const body = documents.map((d) => toYaml(d)).join('---\n');
  return header ? `${header}\n${body}` : body;
}
