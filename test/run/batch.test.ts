/**
 * The batch kinds on this machine: a tuning step (training jobs from the ranges, the objective
 * from each log, the best job), a model from its best job, a batch transform through the model's
 * inference script, and AWS-only steps answered with --step-outputs or refused before anything runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTo, editDefinition, NO_AWS, options, PYTHON, runFolder, smpipe, tempDir } from './harness.js';
import type { JsonObject } from '../../src/run/definition.js';
import type { RunRecord } from '../../src/run/state.js';
import { flattenSteps } from '../../src/run/definition.js';
import { readCompiledFolder } from '../../src/run/folder.js';
import { buildGraph } from '../../src/run/graph.js';
import { literalInputs } from '../../src/run/preflight.js';
import { PreflightError } from '../../src/run/run-pipeline.js';
import { rankJobs } from '../../src/run/steps/tuning.js';
import { planJobs, readRanges } from '../../src/run/tuning-search.js';

const RECORDED = { CalculatedBaselineStatistics: 's3://run-test-bucket/quality/statistics.json', CalculatedBaselineConstraints: 's3://run-test-bucket/quality/constraints.json' };

function recorded(dir: string): Map<string, string> {
  const file = join(dir, 'quality.json');
  writeFileSync(file, JSON.stringify(RECORDED));
  return new Map([['Quality', file]]);
}

describe('tuning, a model from its best job, a transform and a recorded check', () => {
  const folder = compileTo('test/run/fixtures/batch.yaml');
  let localDir: string;
  let run: RunRecord;
  before(async () => {
    localDir = tempDir();
    ({ run } = await runFolder(folder, options(localDir, { stepOutputs: recorded(localDir) })));
    assert.equal(run.status, 'Succeeded', JSON.stringify(Object.values(run.steps).map((s) => [s.name, s.failureReason])));
  });

  test('tuning: three training jobs with the seeded values; the best has the lowest objective; summaries best first', () => {
    const tune = run.steps.Tune?.properties as JsonObject;
    const summaries = tune.TrainingJobSummaries as JsonObject[];
    assert.equal(summaries.length, 3);
    const values = summaries.map((s) => (s.FinalHyperParameterTuningJobObjectiveMetric as JsonObject).Value as number);
    assert.deepEqual(values, [...values].sort((a, b) => a - b), 'ranked by the Minimize objective');
    assert.deepEqual(tune.BestTrainingJob, summaries[0]);
    for (const s of summaries) {
      const tuned = s.TunedHyperParameters as Record<string, string>;
      assert.ok(Number(tuned.lr) >= 0.05 && Number(tuned.lr) <= 0.5, tuned.lr);
      assert.ok(Number.isInteger(Number(tuned.epochs)) && Number(tuned.epochs) >= 5 && Number(tuned.epochs) <= 60, tuned.epochs);
      assert.ok(['"zero"', '"one"'].includes(tuned.init as string), 'script mode: categorical values JSON-encoded');
      // Each job logged the objective the MetricDefinitions read.
      const log = readFileSync(join(localDir, 'runs', run.id, 'Tune', 'jobs', String(s.TrainingJobName), 'log.txt'), 'utf8');
      assert.match(log, new RegExp(`val_loss=${String((s.FinalHyperParameterTuningJobObjectiveMetric as JsonObject).Value).replace('.', '\\.')}`));
    }
  });

  test('the model from ${steps.Tune.bestModel} is the best job\'s model.tar.gz, as get_top_model_s3_uri builds it', () => {
    const best = (run.steps.Tune?.properties as JsonObject).BestTrainingJob as JsonObject;
    const container = (run.steps.BestModel?.properties as JsonObject).PrimaryContainer as JsonObject;
    assert.match(String(container.ModelDataUrl), new RegExp(`/${String(best.TrainingJobName)}/output/model\\.tar\\.gz$`));
    assert.ok(existsSync(join(localDir, 's3', String(container.ModelDataUrl).slice('s3://'.length))));
  });

  test('transform: one .out per input file, each line the input row joined with its prediction (y = 3x + 1)', () => {
    const output = String(((run.steps.Score?.properties as JsonObject).TransformOutput as JsonObject).S3OutputPath);
    const text = readFileSync(join(localDir, 's3', output.slice('s3://'.length), 'test.csv.out'), 'utf8');
    const rows = text.trim().split('\n').map((line) => line.split(','));
    assert.equal(rows.length, 5);
    for (const [id, x, y] of rows) {
      assert.ok(id !== undefined && Number(y) - (3 * Number(x) + 1) < 0.2, `row ${id}: ${x} -> ${y}`);
    }
  });

  test('the recorded check: its properties from --step-outputs feed the registered version\'s metrics', () => {
    const quality = run.steps.Quality?.properties as JsonObject;
    assert.equal(quality.CalculatedBaselineConstraints, RECORDED.CalculatedBaselineConstraints);
    const register = run.steps.Register?.properties as JsonObject;
    assert.deepEqual((register.ModelMetrics as JsonObject).ModelDataQuality, {
      Statistics: { ContentType: 'application/json', S3Uri: RECORDED.CalculatedBaselineStatistics },
      Constraints: { ContentType: 'application/json', S3Uri: RECORDED.CalculatedBaselineConstraints },
    });
  });
});

describe('refused before anything runs', () => {
  test('SMP9512: an AWS-only step without --step-outputs; SMP9514: a transform of a model that is not script mode', async () => {
    const folder = editDefinition(compileTo('test/run/fixtures/batch.yaml'), (t) => t.replace('"SAGEMAKER_PROGRAM": "inference.py",', ''));
    const localDir = tempDir();
    await assert.rejects(runFolder(folder, options(localDir)), (error: unknown) => {
      assert.ok(error instanceof PreflightError);
      assert.deepEqual(error.problems.map((p) => `${p.code} ${p.pointer}`).sort(), ['SMP9512 /Steps/4/Type', 'SMP9514 /Steps/3/Arguments/ModelName']);
      return true;
    });
    assert.ok(!existsSync(join(localDir, 'runs')), 'nothing ran');
  });

  test('SMP9514: a filter outside the JSONPath subset; SMP9515: a Grid search over a numeric range', async () => {
    const folder = editDefinition(compileTo('test/run/fixtures/batch.yaml'), (t) => t.replace('"JoinSource": "Input"', '"JoinSource": "Input", "InputFilter": "$..x"').replace('"Strategy": "Random"', '"Strategy": "Grid"'));
    const localDir = tempDir();
    await assert.rejects(runFolder(folder, options(localDir, { stepOutputs: recorded(localDir) })), (error: unknown) => {
      assert.ok(error instanceof PreflightError);
      assert.deepEqual(error.problems.map((p) => p.code).sort(), ['SMP9514', 'SMP9515']);
      return true;
    });
  });

  test('literal S3 inputs of transform and tuning steps are checked before running, like processing and training inputs', () => {
    const folder = editDefinition(compileTo('test/run/fixtures/batch.yaml'), (text) => {
      const definition = JSON.parse(text) as { Steps: any[] };
      definition.Steps[1].Arguments.TrainingJobDefinition.InputDataConfig[0].DataSource.S3DataSource.S3Uri = 's3://elsewhere/train';
      definition.Steps[3].Arguments.TransformInput.DataSource.S3DataSource.S3Uri = 's3://elsewhere/test';
      return JSON.stringify(definition, null, 2);
    });
    const graph = buildGraph(flattenSteps(readCompiledFolder(folder).definition));
    assert.deepEqual(literalInputs(graph).filter((i) => i.step !== 'Data').map((i) => `${i.step} ${i.uri} ${i.pointer}`), [
      'Tune s3://elsewhere/train /Steps/1/Arguments/TrainingJobDefinition/InputDataConfig/0/DataSource/S3DataSource/S3Uri',
      'Score s3://elsewhere/test /Steps/3/Arguments/TransformInput/DataSource/S3DataSource/S3Uri',
    ]);
  });

  test('a step that runs only in AWS reads nothing here: a notebook job\'s S3 folder is not asked for', () => {
    const graph = buildGraph(flattenSteps(readCompiledFolder(compileTo('test/golden/ok/emr-automl-notebook.yaml')).definition));
    assert.ok(graph.steps.has('ReportFromS3'));
    assert.deepEqual(literalInputs(graph).filter((i) => i.step === 'ReportFromS3'), []);
  });

  test('SMP9513: --step-outputs naming a step that runs here is a usage error (exit 2)', async () => {
    const localDir = tempDir();
    mkdirSync(localDir, { recursive: true });
    const file = join(localDir, 'x.json');
    writeFileSync(file, '{}');
    const result = await smpipe(['run', compileTo('test/run/fixtures/batch.yaml'), '--python', PYTHON, '--local-dir', localDir, '--step-outputs', `Tune=${file}`], { env: NO_AWS });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /error SMP9513: /);
  });
});

describe('the local search and ranking', () => {
  const config = { ParameterRanges: {
    ContinuousParameterRanges: [{ Name: 'lr', MinValue: '0.0001', MaxValue: '0.1', ScalingType: 'Logarithmic' }],
    IntegerParameterRanges: [{ Name: 'layers', MinValue: '1', MaxValue: '4', ScalingType: 'Auto' }],
    CategoricalParameterRanges: [{ Name: 'opt', Values: ['adam', 'sgd'] }, { Name: 'act', Values: ['relu', 'tanh', 'gelu'] }],
  } };

  test('seeded: the same seed, the same jobs; values inside their ranges; Logarithmic spreads over decades', () => {
    const jobs = planJobs('Bayesian', readRanges(config), 200, 3);
    assert.deepEqual(planJobs('Bayesian', readRanges(config), 200, 3), jobs);
    assert.notDeepEqual(planJobs('Bayesian', readRanges(config), 200, 4), jobs);
    const lrs = jobs.map((j) => Number(j.lr));
    assert.ok(lrs.every((v) => v >= 0.0001 && v <= 0.1));
    assert.ok(lrs.filter((v) => v < 0.001).length > 30, 'about a third below 1e-3 on a log scale (a linear scale puts 1% there)');
    assert.deepEqual([...new Set(jobs.map((j) => j.layers))].sort(), ['1', '2', '3', '4']);
  });

  test('Grid: every combination of the categorical values', () => {
    const jobs = planJobs('Grid', readRanges({ ParameterRanges: { CategoricalParameterRanges: config.ParameterRanges.CategoricalParameterRanges } }), 1, 0);
    assert.equal(jobs.length, 6);
    assert.equal(new Set(jobs.map((j) => `${j.opt}/${j.act}`)).size, 6);
  });

  test('ranking: by the objective (the earlier job on a tie), jobs without one last', () => {
    const job = (name: string, value?: number) => ({ TrainingJobName: name, TrainingJobStatus: value === undefined ? 'Failed' : 'Completed', ...(value === undefined ? {} : { FinalHyperParameterTuningJobObjectiveMetric: { MetricName: 'm', Value: value } }) });
    const jobs = [job('a', 0.5), job('b'), job('c', 0.9), job('d', 0.5)];
    assert.deepEqual(rankJobs(jobs, true).map((j) => j.TrainingJobName), ['c', 'a', 'd', 'b']);
    assert.deepEqual(rankJobs(jobs, false).map((j) => j.TrainingJobName), ['a', 'd', 'c', 'b']);
  });
});

describe('the transform launcher\'s data processing', () => {
  test('InputFilter, JoinSource Input and OutputFilter on CSV and JSON Lines records, SingleRecord', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'code'));
    writeFileSync(join(dir, 'code', 'echo.py'), 'def model_fn(d):\n    return None\n\ndef transform_fn(model, data, content_type, accept):\n    return "n=%d" % len(data)\n');
    writeFileSync(join(dir, 'in.csv'), 'id,aa,bbb\nx,yy,zzz\n');
    writeFileSync(join(dir, 'in.jsonl'), '{"id": 1, "f": [1, 2]}\n');
    const config = (input: string, extra: object) => {
      const file = join(dir, `${input}.json`);
      writeFileSync(file, JSON.stringify({ modelDir: dir, codeDir: join(dir, 'code'), program: 'echo.py', inputs: [{ path: join(dir, input), key: input }], outputDir: join(dir, 'out'), split: 'Line', strategy: 'SingleRecord', assemble: 'Line', ...extra }));
      const result = spawnSync(PYTHON, [join(process.cwd(), 'src/run/python/transform_launcher.py'), file], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      return readFileSync(join(dir, 'out', `${input}.out`), 'utf8');
    };
    // $[1:] sends "aa,bbb" (6 characters); the output is joined to the whole row, then $[0,-1] keeps id and output.
    assert.equal(config('in.csv', { contentType: 'text/csv', accept: 'text/csv', join: 'Input', inputFilter: '$[1:]', outputFilter: '$[0,-1]' }), 'id,n=6\nx,n=6\n');
    assert.equal(config('in.jsonl', { contentType: 'application/jsonlines', accept: 'application/json', join: 'Input', inputFilter: '$.f', outputFilter: "$['id','SageMakerOutput']" }), '{"id": 1, "SageMakerOutput": "n=6"}\n');
  });
});
