/**
 * The runner's view of a compiled folder (build/<pipeline>): the shared, hash-checked reader
 * deploy uses too (src/compile/compiled-folder.ts), so what runs locally is what upsert would
 * register. Its refusals (SMP9013 not a compiled folder, SMP9014 a file changed after compile)
 * become RunErrors, which stop the run before any step starts.
 */
import { CompiledFolderError, readCompiledFolder as readShared, type CompiledFolder as SharedFolder } from '../compile/compiled-folder.js';
import type { Json } from '../expr/types.js';
import { RunError } from './errors.js';

export interface CompiledFolder extends SharedFolder {
  definition: { [key: string]: Json };
}

export function readCompiledFolder(dir: string): CompiledFolder {
  let folder: SharedFolder;
  try {
    folder = readShared(dir);
  } catch (error) {
    if (error instanceof CompiledFolderError) throw new RunError(error.code, error.message, { hint: error.hint });
    throw error;
  }
  const definition = folder.definition;
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition) || !Array.isArray(definition.Steps)) {
    throw new RunError('SMP9013', `${folder.definitionPath}: no Steps list`, { hint: 'compile the spec again: smpipe compile SPEC (or pass the spec to smpipe run)' });
  }
  return { ...folder, definition };
}
