import { stringify } from 'yaml';

/** The first line of every spec smpipe import writes: `--out` replaces only a file that starts with it. */
export const IMPORT_HEADER = '# smpipe import:';

/**
 * The spec as YAML: block style, no line folding, no anchors (each step reads on its own), keys
 * in the order the importer built them. The same definition gives the same bytes.
 */
export function renderSpec(spec: Record<string, unknown>, from: string): string {
  const body = stringify(spec, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, indent: 2 });
  const header = [
    `${IMPORT_HEADER} ${from.replace(/[\r\n]+/g, ' ')}`,
    '# Compiling this spec gives the definition\'s Parameters and Steps (README, "Import a pipeline").',
    '# yaml-language-server: $schema=https://smpipe.dev/schema/smpipe-spec.schema.json',
  ];
  return `${header.join('\n')}\n${body}`;
}
