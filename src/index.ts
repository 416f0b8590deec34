/** The library API: the same compiler the CLI uses. */
export { compile, type CompileOptions, type CompileResult, type PipelineGraph } from './compile/compile.js';
export type { Manifest, ManifestAsset } from './compile/manifest.js';
export type { Diagnostic, Severity, SourceRange, Position } from './diagnostics/diagnostic.js';
export { CODES, type Code } from './diagnostics/codes.js';
export { renderText, renderJson } from './views/diagnostics.js';
