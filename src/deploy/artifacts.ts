import { compilePipelineSettings } from '../compile/settings.js';
import { loadYaml } from '../spec/load.js';
import type { PipelineSpec } from '../spec/types.js';
import { resolveVars, type VarsInput } from '../spec/vars.js';

/**
 * The spec's `artifacts:` S3 prefix with vars filled in, where an over-limit definition is stored.
 * The manifest does not carry it, so it is read again here with the compiler's own settings code;
 * call it only for a spec that compiled without errors.
 */
export function artifactsPrefix(file: string, text: string, vars: VarsInput): string | undefined {
  const loaded = loadYaml(file, text);
  const spec = loaded.value as PipelineSpec;
  const { vars: resolved } = resolveVars(spec.vars ?? {}, vars, loaded.reporter);
  return compilePipelineSettings(spec, resolved, loaded.reporter).artifacts;
}
