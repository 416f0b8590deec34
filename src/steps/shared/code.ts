import type { StepContext } from '../types.js';

/** A packed code folder and the entry script inside it. */
export interface PackedCode {
  script: string;
  /** S3 URI of the content-addressed sourcedir.tar.gz; undefined when packing failed (reported). */
  archive: string | undefined;
}

/**
 * `code:` + `entry:` shared by processing (FrameworkProcessor style) and training (script mode):
 * both or neither, the entry must be a relative path inside the folder, and the folder is packed
 * into a deterministic archive. Undefined when the step has no code or it was reported.
 */
export function packCode(ctx: StepContext): PackedCode | undefined {
  const { code, entry } = ctx.spec as { code?: string; entry?: string };
  if (code === undefined && entry === undefined) return undefined;
  if (code === undefined || entry === undefined) {
    ctx.report('SMP2007', code === undefined ? 'entry' : 'code', 'code and entry go together: the folder to pack and the script in it to run');
    return undefined;
  }
  const folder = ctx.compileTime('code');
  const script = ctx.compileTime('entry');
  if (typeof folder !== 'string' || typeof script !== 'string') return undefined;
  // '' is what a field whose expression was already reported resolves to; never pack the spec's folder for it.
  if (folder === '') {
    if (code === '') ctx.report('SMP6001', 'code', 'code must name a folder (relative to the spec file)');
    return undefined;
  }
  if (script === '' || script.startsWith('/') || /[\0\n\r]/.test(script)) {
    ctx.report('SMP6002', 'entry', `entry must be a path relative to ${folder}, got ${JSON.stringify(script)}`);
    return undefined;
  }
  if (ctx.localExists(folder) && !ctx.localExists(`${folder}/${script}`)) ctx.report('SMP6002', 'entry', `${script} is not in ${folder}`);
  return { script, archive: ctx.packFolder('code', folder, { name: 'sourcedir.tar.gz' }) };
}

/** Retry exception types SageMaker accepts on steps that run a SageMaker job. */
export const JOB_RETRY_EXCEPTIONS = ['Step.SERVICE_FAULT', 'Step.THROTTLING', 'SageMaker.JOB_INTERNAL_ERROR', 'SageMaker.CAPACITY_ERROR', 'SageMaker.RESOURCE_LIMIT'] as const;
