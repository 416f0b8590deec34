import type { Reporter } from '../diagnostics/reporter.js';
import type { Json } from '../expr/types.js';
import type { ParameterType, PipelineSpec } from '../spec/types.js';
import type { StepKind } from '../steps/types.js';
import { definitionSteps } from '../compile/definition-steps.js';
import { checkApiShapes } from './api.js';
import { checkCacheSafety, specLocator } from './cache-safety.js';
import { specPointerOf } from './definition-paths.js';
import { validateDefinition } from './definition-schema/index.js';
import { checkContainerArguments, checkNames } from './names.js';
import { scanSecrets } from './secrets.js';
import { scanVarSecrets } from './var-secrets.js';
import type { ResolvedVars } from '../spec/vars.js';
import { INLINE_DEFINITION_LIMIT } from './limits.js';

export interface CheckInput {
  spec: PipelineSpec;
  pipelineName: string;
  displayName: string | undefined;
  definition: Json;
  definitionText: string;
  reporter: Reporter;
  stepKinds: Map<string, StepKind>;
  parameterTypes: Map<string, ParameterType>;
  /** Steps that compiled without errors: only their Arguments are checked against the API. */
  cleanSteps: ReadonlySet<string>;
  /** The resolved vars and where each value came from, for the secret scan. */
  vars: ResolvedVars;
}

/** Checks on the whole result, after every step compiled. */
export function runChecks(input: CheckInput): void {
  const { spec, reporter } = input;
  checkNames(spec, input.pipelineName, input.displayName, reporter);
  scanSecrets(spec, '', reporter);
  scanVarSecrets(spec, input.vars, reporter);
  const steps = definitionSteps(input.definition);
  for (const { name, step } of steps) checkContainerArguments(name, step.Arguments, reporter);
  // Every step that compiled is checked now, so errors come in one round, not one per fix.
  checkApiShapes(steps.filter((s) => input.cleanSteps.has(s.name)), input.stepKinds, input.parameterTypes, spec, reporter);
  if (reporter.errorCount > 0) return; // the schema would repeat earlier findings
  for (const finding of validateDefinition(input.definition)) {
    const pointer = specPointerOf(input.definition, finding.path, input.stepKinds, spec);
    reporter.report('SMP8006.definition', pointer, { path: finding.path || '/', problem: finding.message });
  }
  checkCacheSafety(input.definition, specLocator(input.stepKinds, spec), reporter);
  const size = Buffer.byteLength(input.definitionText);
  if (size > INLINE_DEFINITION_LIMIT) {
    reporter.report('SMP5004.inlineLimit', '/steps', { size, limit: INLINE_DEFINITION_LIMIT }, { at: 'key' });
  }
}
