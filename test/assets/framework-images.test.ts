import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProblem } from '../../src/diagnostics/messages.js';
import { resolveFrameworkImage, type FrameworkImageSpec, type ImageUse } from '../../src/assets/framework-images.js';

/**
 * Expected URIs are what sagemaker.image_uris.retrieve builds from the SDK's image_uri_config
 * tables (src/sagemaker/image_uris.py: registry by Region, then
 * "-".join(tag_prefix or version, processor, py_version, container_version)), worked out by hand
 * from the JSON files named in src/assets/framework-images.json's `source`.
 */
const cases: { spec: FrameworkImageSpec; use: ImageUse; region: string; uri: string }[] = [
  { spec: { framework: 'xgboost', version: '1.7-1' }, use: 'training', region: 'us-east-1', uri: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1' },
  { spec: { framework: 'xgboost', version: '1.7-1' }, use: 'processing', region: 'us-east-1', uri: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1' },
  { spec: { framework: 'sklearn', version: '1.2-1' }, use: 'training', region: 'us-east-1', uri: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3' },
  { spec: { framework: 'sklearn', version: '1.2-1' }, use: 'inference', region: 'us-east-1', uri: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3' },
  // Spark with no Python build asked for: none in the tag (the SDK's Spark exception).
  { spec: { framework: 'spark', version: '3.5' }, use: 'processing', region: 'eu-west-1', uri: '571004829621.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-spark-processing:3.5-cpu' },
  { spec: { framework: 'spark', version: '3.5', python: '3.12' }, use: 'processing', region: 'eu-west-1', uri: '571004829621.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-spark-processing:3.5-cpu-py312' },
  { spec: { framework: 'clarify' }, use: 'processing', region: 'us-east-1', uri: '205585389593.dkr.ecr.us-east-1.amazonaws.com/sagemaker-clarify-processing:1.0' },
  // The monitor's only version is unversioned: no tag at all, as the SDK emits it.
  { spec: { framework: 'model-monitor' }, use: 'processing', region: 'us-east-1', uri: '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer' },
  { spec: { framework: 'djl-lmi', version: '0.36.0' }, use: 'inference', region: 'us-east-1', uri: '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.36.0-lmi27.0.0-cu130' },
  // An alias (3.2 → 3.2.3), a China Region's domain, the GPU container version.
  { spec: { framework: 'huggingface-llm', version: '3.2' }, use: 'inference', region: 'cn-north-1', uri: '727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/huggingface-pytorch-tgi-inference:2.6.0-tgi3.2.3-gpu-py311-cu124-ubuntu22.04' },
  { spec: { framework: 'vllm', version: '0.17' }, use: 'inference', region: 'us-west-2', uri: '763104351884.dkr.ecr.us-west-2.amazonaws.com/huggingface-vllm:0.17.0-transformers4.57.5-gpu-py312-cu129-ubuntu22.04' },
  { spec: { framework: 'huggingface-tei-cpu', version: '1.8' }, use: 'inference', region: 'us-east-1', uri: '683313688378.dkr.ecr.us-east-1.amazonaws.com/tei-cpu:2.0.1-tei1.8.2-cpu-py310-ubuntu22.04' },
];

for (const c of cases) {
  test(`framework image ${c.spec.framework} ${c.spec.version ?? '(only version)'} for ${c.use} in ${c.region}`, () => {
    assert.deepEqual(resolveFrameworkImage(c.spec, c.use, c.region), { ok: true, uri: c.uri });
  });
}

const failures: { spec: FrameworkImageSpec; use: ImageUse; region: string | undefined; key: string; hint?: RegExp }[] = [
  { spec: { framework: 'xgbost', version: '1.7-1' }, use: 'training', region: 'us-east-1', key: 'SMP6016.unknownFramework', hint: /did you mean xgboost\?/ },
  { spec: { framework: 'tensorflow-serving', version: '2' }, use: 'training', region: 'us-east-1', key: 'SMP6016.unknownFrameworkListed' },
  { spec: { framework: 'xgboost', version: '1.7-11' }, use: 'training', region: 'us-east-1', key: 'SMP6017.noVersion', hint: /did you mean 1\.7-1\?/ },
  { spec: { framework: 'xgboost' }, use: 'training', region: 'us-east-1', key: 'SMP6017.versionNeeded' },
  // The SDK would hand back clarify 1.0 for any version asked; here it is an error.
  { spec: { framework: 'clarify', version: '2.0' }, use: 'processing', region: 'us-east-1', key: 'SMP6017.noVersion' },
  { spec: { framework: 'spark', version: '3.3' }, use: 'inference', region: 'us-east-1', key: 'SMP6017.noScope' },
  { spec: { framework: 'huggingface-llm', version: '3.2' }, use: 'training', region: 'us-east-1', key: 'SMP6017.noScope' },
  { spec: { framework: 'spark', version: '3.3', python: 'py312' }, use: 'processing', region: 'us-east-1', key: 'SMP6017.noPython' },
  { spec: { framework: 'sklearn', version: '1.2-1', gpu: true }, use: 'training', region: 'us-east-1', key: 'SMP6017.noProcessor' },
  { spec: { framework: 'huggingface-llamacpp', version: 'b9522' }, use: 'inference', region: 'us-east-1', key: 'SMP6017.processorNeeded' },
  { spec: { framework: 'xgboost', version: '1.7-1', gpu: true }, use: 'training', region: 'us-east-1', key: 'SMP6017.notApplicable' },
  { spec: { framework: 'xgboost', version: '1.7-1' }, use: 'training', region: 'us-east-7', key: 'SMP6018.notInRegionGuess', hint: /did you mean us-east-1\?/ },
  { spec: { framework: 'xgboost', version: '1.7-1' }, use: 'training', region: undefined, key: 'SMP6004.noRegion' },
];

for (const f of failures) {
  test(`framework image error ${f.key}: ${JSON.stringify(f.spec)}`, () => {
    const result = resolveFrameworkImage(f.spec, f.use, f.region);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problem.key, f.key);
    if (f.hint) assert.match(formatProblem(result.problem).hint ?? '', f.hint);
  });
}
