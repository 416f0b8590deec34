import type { Field } from '../../spec/field.js';
import type { StepServices } from '../types.js';

/** A packed code folder and the entry script inside it. */
export interface PackedCode {
  script: string;
  /** S3 URI of the content-addressed sourcedir.tar.gz; undefined when packing failed (reported). */
  archive: string | undefined;
}

/**
 * `code:` + `entry:` shared by processing (FrameworkProcessor style) and training (script mode):
 * both or neither, the entry must be a relative path inside the folder, and the folder is packed
 * into a deterministic archive, or names a tar.gz already in S3 (s3://…), kept by its URI.
 * Undefined when the step has no code or it was reported.
 */
export function packCode(ctx: StepServices, step: Field<{ code?: string; entry?: string }>): PackedCode | undefined {
  const code = step.at('code');
  const entry = step.at('entry');
  if (code.raw === undefined && entry.raw === undefined) return undefined;
  if (code.raw === undefined || entry.raw === undefined) {
    ctx.report('SMP2007.codeWithEntry', code.raw === undefined ? entry : code);
    return undefined;
  }
  const folder = ctx.compileTime(code);
  const script = ctx.compileTime(entry);
  if (typeof folder !== 'string' || typeof script !== 'string') return undefined;
  // '' is what a field whose expression was already reported resolves to; never pack the spec's folder for it.
  if (folder === '') {
    if (code.raw === '') ctx.report('SMP6001.codeFolder', code);
    return undefined;
  }
  if (script === '' || script.startsWith('/') || /[\0\n\r]/.test(script)) {
    ctx.report('SMP6002.entryPath', entry, { folder, script: JSON.stringify(script) });
    return undefined;
  }
  // An archive already in S3 (an imported pipeline's sourcedir.tar.gz) is used as it is.
  if (isS3Archive(folder)) return { script, archive: folder };
  if (ctx.localExists(folder) && !ctx.localExists(`${folder}/${script}`)) ctx.report('SMP6002.entryMissing', entry, { script, folder });
  return { script, archive: ctx.packFolder(code, folder, { name: 'sourcedir.tar.gz' }) };
}

/** `code: s3://bucket/key.tar.gz`: an archive someone else packed (the SDK, an earlier build). */
export function isS3Archive(code: string): boolean {
  return /^s3:\/\/[^/]+\/.+\.tar\.gz$/.test(code);
}
