import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics, hasErrors } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/reporter.js';
import type { Json } from '../expr/types.js';
import { loadYaml } from '../spec/load.js';
import type { SourceFile } from '../spec/source.js';
import type { PipelineSpec } from '../spec/types.js';
import { resolveVars, type VarsInput } from '../spec/vars.js';
import { AssetRegistry, type Asset } from './asset-registry.js';
import { compilePipelineSettings, type PipelineSettings } from './settings.js';
import { compileParameters } from './parameters.js';
import { compileSteps, kindOf } from './steps.js';
import type { StepNode } from './graph.js';
import { validateSpecShape } from './validate-spec.js';
import { runChecks } from '../check/index.js';
import { buildManifest, type Manifest } from './manifest.js';
import { canonicalJson } from '../util/canonical-json.js';
import { experimentsAvailable } from './experiment-regions.js';

export interface CompileOptions {
  /** The spec's path as shown in diagnostics; code folders resolve relative to its directory. */
  file: string;
  /** Overrides the directory relative paths resolve against (default: the spec file's directory). */
  baseDir?: string;
  vars?: VarsInput;
}

export interface CompileResult {
  /** Present when there are no errors. */
  definition?: Json;
  /** The exact bytes CreatePipeline receives. */
  definitionText?: string;
  manifest?: Manifest;
  assets: Asset[];
  diagnostics: Diagnostic[];
  /** For rendering code frames. */
  sources: Map<string, SourceFile>;
  /** The step graph (present once the spec's shape could be read, even with errors), for `smpipe graph`. */
  graph?: PipelineGraph;
}

export interface PipelineGraph {
  steps: { name: string; kind: string; references: string[]; dependsOn: string[]; branches?: { then: string[]; else: string[] } }[];
}

/** The compiler: spec text in, definition + manifest + diagnostics out. Never throws on bad input. */
export function compile(text: string, options: CompileOptions): CompileResult {
  const loaded = loadYaml(options.file, text);
  const reporter = loaded.reporter;
  const sources = new Map([[options.file, loaded.source]]);
  const fail = (extra: Diagnostic[] = []): CompileResult => ({ assets: [], diagnostics: sortDiagnostics([...reporter.diagnostics, ...extra]), sources });
  if (hasErrors(reporter.diagnostics)) return fail();
  const valid = validateSpecShape(loaded.value, reporter);
  if (!valid) return fail();
  const spec = loaded.value as PipelineSpec;
  const resolvedVars = resolveVars(spec.vars ?? {}, options.vars ?? {}, reporter);
  const { vars } = resolvedVars;
  const varDiagnostics = resolvedVars.fileReporter?.diagnostics ?? [];
  if (resolvedVars.fileReporter) sources.set(resolvedVars.fileReporter.source.file, resolvedVars.fileReporter.source);
  const settings = compilePipelineSettings(spec, vars, reporter);
  const parameters = compileParameters(spec.parameters ?? {}, reporter);
  const baseDir = options.baseDir ?? dirname(resolve(options.file));
  const registry = new AssetRegistry(baseDir, settings.artifacts, { localFiles: spec.localFiles, reporter });
  const compiled = compileSteps({ spec, vars, settings, reporter, registry, validSteps: valid.validSteps });
  const definition = assembleDefinition(spec, parameters, compiled.steps, settings.region);
  const definitionText = canonicalJson(definition);
  runChecks({
    spec, pipelineName: settings.name, displayName: settings.displayName, definition, definitionText, reporter,
    stepKinds: compiled.stepKinds, parameterTypes: compiled.parameterTypes, cleanSteps: compiled.clean, vars: resolvedVars,
  });
  const graph = graphOf(spec, compiled.nodes);
  if (hasErrors([...reporter.diagnostics, ...varDiagnostics])) return { ...fail(varDiagnostics), graph };
  return { ...finish(definition, definitionText, settings, registry, spec, options.file, reporter, varDiagnostics, sources), graph };
}

/** The step graph for `smpipe graph`: present whenever the steps were read, errors or not. */
function graphOf(spec: PipelineSpec, nodes: Map<string, StepNode>): PipelineGraph {
  return {
    steps: [...nodes.values()].map((n) => ({
      name: n.name, kind: kindOf(spec.steps[n.name])?.kind ?? '', references: [...n.references].sort(), dependsOn: n.dependsOn,
      ...(n.branches ? { branches: n.branches } : {}),
    })),
  };
}

function finish(definition: Json, definitionText: string, settings: PipelineSettings, registry: AssetRegistry, spec: PipelineSpec, file: string, reporter: Reporter, extra: Diagnostic[], sources: Map<string, SourceFile>): CompileResult {
  const assets = registry.assets;
  const manifest = buildManifest(settings, spec, assets, definitionText, file);
  return { definition, definitionText, manifest, assets, diagnostics: sortDiagnostics([...reporter.diagnostics, ...extra]), sources };
}

/**
 * PipelineExperimentConfig unless `experiment: false`; left out by default where SageMaker
 * Experiments does not exist (experiment-regions.ts), since executions would fail there.
 * `experiment: true` keeps it anywhere; a folder compiled without a region is checked by preflight.
 */
function assembleDefinition(spec: PipelineSpec, parameters: Json[], steps: Json[], region: string | undefined): Json {
  const definition: Record<string, Json> = { Version: '2020-12-01', Metadata: {}, Parameters: parameters };
  if (spec.experiment === true || (spec.experiment === undefined && experimentsAvailable(region))) {
    definition.PipelineExperimentConfig = {
      ExperimentName: { Get: 'Execution.PipelineName' },
      TrialName: { Get: 'Execution.PipelineExecutionId' },
    };
  }
  definition.Steps = steps;
  return definition;
}
