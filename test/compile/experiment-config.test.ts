/** PipelineExperimentConfig by default only where SageMaker Experiments exists (src/compile/experiment-regions.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../../src/compile/compile.js';
import { EXPERIMENTS_REGIONS } from '../../src/compile/experiment-regions.js';

const spec = (region: string | undefined, experiment = '') => `pipeline: experiments
${experiment}${region ? `vars: { region: ${region} }\n` : ''}steps:
  Wait:
    kind: fail
    message: done
`;

function experimentConfig(text: string): unknown {
  const result = compile(text, { file: 'test/compile/experiments.yaml' });
  assert.deepEqual(result.diagnostics.map((d) => d.message), []);
  return (result.definition as Record<string, unknown>).PipelineExperimentConfig;
}

const DEFAULT = { ExperimentName: { Get: 'Execution.PipelineName' }, TrialName: { Get: 'Execution.PipelineExecutionId' } };

test('on by default in an Experiments region, and when the region is not known at compile time', () => {
  assert.equal(EXPERIMENTS_REGIONS.size, 26);
  assert.deepEqual(experimentConfig(spec('us-east-1')), DEFAULT);
  assert.deepEqual(experimentConfig(spec('eu-south-2')), DEFAULT);
  assert.deepEqual(experimentConfig(spec(undefined)), DEFAULT);
});

test('left out by default where Experiments does not exist; experiment: true keeps it, false drops it anywhere', () => {
  assert.equal(experimentConfig(spec('ap-southeast-5')), undefined);
  assert.equal(experimentConfig(spec('mx-central-1')), undefined);
  assert.deepEqual(experimentConfig(spec('ap-southeast-5', 'experiment: true\n')), DEFAULT);
  assert.equal(experimentConfig(spec('us-east-1', 'experiment: false\n')), undefined);
});
