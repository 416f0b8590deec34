/**
 * Generates src/assets/framework-images.json from the SageMaker Python SDK's image URI tables
 * (sagemaker/image_uri_config/<framework>.json), for `image: {framework, version}`:
 *
 *   npx tsx scripts/gen-framework-images.ts <sdk checkout>/sagemaker-core/src/sagemaker/core/image_uri_config <sdk commit>
 *
 * Only what the URI needs is kept (per scope and version: repository, registry accounts by
 * region, processors, Python builds, tag prefix, container version), in the SDK's own terms, so
 * src/assets/framework-images.ts can apply `sagemaker.image_uris.retrieve`'s rules to it. Registry
 * maps are stored once each (many versions share one). The output is deterministic.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** smpipe's name → the SDK's config file. `vllm` is the SDK's only vLLM family, huggingface-vllm. */
export const FRAMEWORK_FILES: Readonly<Record<string, string>> = {
  xgboost: 'xgboost.json',
  sklearn: 'sklearn.json',
  spark: 'spark.json',
  clarify: 'clarify.json',
  'model-monitor': 'model-monitor.json',
  'djl-lmi': 'djl-lmi.json',
  vllm: 'huggingface-vllm.json',
  'huggingface-vllm': 'huggingface-vllm.json',
  'huggingface-llm': 'huggingface-llm.json',
  'huggingface-tei': 'huggingface-tei.json',
  'huggingface-tei-cpu': 'huggingface-tei-cpu.json',
  'huggingface-sglang': 'huggingface-sglang.json',
  'huggingface-llamacpp': 'huggingface-llamacpp.json',
};

/**
 * Scopes smpipe resolves. inference_graviton (arm64 tags from a table inside image_uris.py) and
 * eia are left out: a spec naming them gets the list of scopes that are here, not a wrong URI.
 */
const SCOPES = ['training', 'inference', 'processing', 'monitoring'];

type Raw = Record<string, unknown>;

interface OutVersion {
  repository: string;
  registries: string;
  processors?: string[];
  py?: string[];
  tagPrefix?: string;
  containerVersion?: Record<string, string>;
}

interface OutScope {
  processors?: string[];
  aliases?: Record<string, string>;
  versions: Record<string, OutVersion>;
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k] as T]));
}

class Registries {
  readonly tables: Record<string, Record<string, string>> = {};
  private readonly ids = new Map<string, string>();

  id(table: Record<string, string>): string {
    const text = JSON.stringify(sorted(table));
    let id = this.ids.get(text);
    if (!id) {
      id = `r${this.ids.size + 1}`;
      this.ids.set(text, id);
      this.tables[id] = sorted(table);
    }
    return id;
  }
}

function version(raw: Raw, registries: Registries): OutVersion {
  const out: OutVersion = { repository: String(raw.repository), registries: registries.id(raw.registries as Record<string, string>) };
  if (Array.isArray(raw.processors)) out.processors = raw.processors as string[];
  if (Array.isArray(raw.py_versions)) out.py = raw.py_versions as string[];
  if (typeof raw.tag_prefix === 'string') out.tagPrefix = raw.tag_prefix;
  if (raw.container_version && typeof raw.container_version === 'object') out.containerVersion = sorted(raw.container_version as Record<string, string>);
  return out;
}

function scope(raw: Raw, registries: Registries): OutScope {
  const versions: Record<string, OutVersion> = {};
  for (const [name, v] of Object.entries(raw.versions as Record<string, Raw>)) {
    // A version keyed by Python build (the plain huggingface family) needs a base framework: not kept.
    if (typeof (v as Raw).repository === 'string') versions[name] = version(v as Raw, registries);
  }
  const out: OutScope = { versions: sorted(versions) };
  if (Array.isArray(raw.processors)) out.processors = raw.processors as string[];
  // "latest" floats: a definition must say which image it runs (DESIGN.md §4), so it is not offered.
  const aliases = Object.fromEntries(Object.entries((raw.version_aliases ?? {}) as Record<string, string>).filter(([alias]) => alias !== 'latest'));
  if (Object.keys(aliases).length) out.aliases = sorted(aliases);
  return out;
}

function framework(config: Raw, registries: Registries): Record<string, OutScope> {
  if (Array.isArray(config.scope)) {
    const kept = (config.scope as string[]).filter((s) => SCOPES.includes(s));
    return Object.fromEntries(kept.map((s) => [s, scope(config, registries)]));
  }
  return Object.fromEntries(Object.keys(config).filter((s) => SCOPES.includes(s)).sort().map((s) => [s, scope(config[s] as Raw, registries)]));
}

export function generate(configDir: string, commit: string): string {
  const registries = new Registries();
  const frameworks: Record<string, Record<string, OutScope>> = {};
  for (const [name, file] of Object.entries(FRAMEWORK_FILES)) {
    frameworks[name] = framework(JSON.parse(readFileSync(join(configDir, file), 'utf8')) as Raw, registries);
  }
  const source = `aws/sagemaker-python-sdk@${commit} sagemaker-core/src/sagemaker/core/image_uri_config/ (${[...new Set(Object.values(FRAMEWORK_FILES))].join(', ')})`;
  return `${JSON.stringify({ source, files: FRAMEWORK_FILES, frameworks: sorted(frameworks), registries: registries.tables }, null, 1)}\n`;
}

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'framework-images.json');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, commit] = process.argv.slice(2);
  if (!dir || !commit) throw new Error('usage: gen-framework-images.ts <image_uri_config folder> <sdk commit>');
  writeFileSync(OUTPUT, generate(dir, commit));
  console.log(`wrote ${OUTPUT}`);
}
