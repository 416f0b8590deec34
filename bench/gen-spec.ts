/**
 * Generates large but realistic specs for the scaling benchmark: groups of ten steps, each a
 * chain of processing steps (`${steps.X.outputs.o}` from one to the next, and from group to
 * group), one training step fed by the chain, and every fifth group a quality gate: a condition
 * on the training metric whose then-branch creates a model and whose else-branch fails.
 * Two of the processing steps per group and the training step use one shared small code folder
 * (as real pipelines reuse one folder for many steps); the others are plain containers.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GROUP = 10;

const HEADER = `pipeline: bench-STEPS-steps
displayName: Benchmark-STEPS-steps
artifacts: s3://\${vars.bucket}/smpipe/bench
vars:
  region: us-east-1
  roleArn: arn:aws:iam::111122223333:role/SageMakerExecutionRole
  bucket: example-bucket-111122223333
  dataUri: s3://example-bucket-111122223333/data
defaults:
  role: \${vars.roleArn}
  cache: P30D
  retry: standard
  tags: { team: ml-platform, project: bench }
parameters:
  ProcessingInstanceType: { type: string, default: ml.m5.xlarge, enum: [ml.m5.xlarge, ml.m5.2xlarge], description: Instance type of the processing steps. }
  TrainingInstanceType: { type: string, default: ml.g5.2xlarge, enum: [ml.g5.2xlarge, ml.g5.12xlarge], description: Instance type of the training steps. }
  Epochs: { type: integer, default: 2, description: Training epochs. }
  LearningRate: { type: float, default: 0.0001, description: Learning rate. }
  MaxLoss: { type: float, default: 0.5, description: Quality gate on the final training loss. }
  Verbose: { type: boolean, default: false, description: Chatty job logs. }
steps:
`;

function processing(name: string, source: string, withCode: boolean, i: number): string {
  const head = withCode
    ? `    image: { dlc: pytorch-training, version: "2.5", gpu: false }
    code: ./code
    entry: job.py
    args: [--stage, "${i}", --verbose, "\${params.Verbose}", --run, "run-\${execution.id}"]`
    : `    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/tools:1.${i % 7}
    entrypoint: [python3, /opt/program/step.py]
    args: [--stage, "${i}", --input, /opt/ml/processing/input/data]`;
  return `  ${name}:
    kind: processing
    description: Stage ${i} of the feature chain.
${head}
    instance: { type: "\${params.ProcessingInstanceType}", volumeGb: 50 }
    inputs:
      data: ${source}
    outputs:
      o: {}
      stats: {}
    environment: { STAGE: "${i}", LOG_LEVEL: info }
`;
}

function training(name: string, train: string, test: string): string {
  return `  ${name}:
    kind: training
    image: { dlc: pytorch-training, version: "2.5", gpu: true }
    instance: { type: "\${params.TrainingInstanceType}", volumeGb: 200 }
    code: ./code
    entry: train.py
    hyperparameters:
      epochs: \${params.Epochs}
      learning_rate: \${params.LearningRate}
      batch_size: 8
    channels:
      train: ${train}
      test: { source: "${test}", contentType: application/jsonlines }
    metrics: { loss: "loss=([0-9.]+)", accuracy: "accuracy=([0-9.]+)" }
    maxRuntime: 86400
`;
}

function gate(g: number, train: string): string {
  return `  Gate${g}:
    kind: condition
    when: \${steps.${train}.metrics.loss} <= \${params.MaxLoss}
    then: [Model${g}]
    else: [TooWeak${g}]
  Model${g}:
    kind: model
    image: { dlc: huggingface-pytorch-tgi-inference, version: "3.3" }
    modelData: \${steps.${train}.modelArtifacts}
    environment: { HF_MODEL_ID: /opt/ml/model, SM_NUM_GPUS: "1" }
  TooWeak${g}:
    kind: fail
    message: "Loss \${steps.${train}.metrics.loss} of ${train} is above \${params.MaxLoss}"
`;
}

/** Spec text with `steps` steps (a multiple of GROUP). */
export function generateSpec(steps: number): string {
  if (steps % GROUP !== 0) throw new Error(`steps must be a multiple of ${GROUP}`);
  const parts = [HEADER.replaceAll('STEPS', String(steps))];
  let previous = '${vars.dataUri}/raw';
  for (let g = 0; g < steps / GROUP; g += 1) {
    const gated = g % 5 === 4;
    const chain = gated ? GROUP - 4 : GROUP - 1; // processing steps in this group
    for (let i = 0; i < chain; i += 1) {
      const name = `Stage${g}x${i}`;
      parts.push(processing(name, previous, i === 1 || i === 4, i));
      previous = `\${steps.${name}.outputs.o}`;
    }
    const train = `Train${g}`;
    parts.push(training(train, previous, `\${steps.Stage${g}x0.outputs.stats}`));
    if (gated) parts.push(gate(g, train));
  }
  return parts.join('');
}

/** A temp folder with the shared code folder; returns the path a generated spec should be written to. */
export function makeWorkspace(): { dir: string; specPath: (steps: number) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-bench-'));
  mkdirSync(join(dir, 'code'));
  writeFileSync(join(dir, 'code', 'job.py'), 'import sys\n\nprint("stage", sys.argv[1:])\n');
  writeFileSync(join(dir, 'code', 'train.py'), 'import json, sys\n\nprint("loss=0.1")\nprint(json.dumps({"accuracy": 0.9}))\n');
  writeFileSync(join(dir, 'code', 'requirements.txt'), 'numpy\n');
  return { dir, specPath: (steps) => join(dir, `bench-${steps}.yaml`) };
}
