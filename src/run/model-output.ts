/**
 * What a finished training job leaves in S3 (CreateTrainingJob's OutputDataConfig):
 * <S3OutputPath>/<job>/output/model.tar.gz of /opt/ml/model, or with CompressionType NONE the
 * files themselves under <…>/output/model/ (S3ModelArtifacts is then the prefix <…>/output/model,
 * without the trailing "/": the SageMaker Python SDK adds one because "SageMaker Hosting mandates
 * presence of trailing forward slash" — src/sagemaker/estimator.py, EstimatorBase.model_data, v2.249.0), and
 * <…>/output/output.tar.gz of /opt/ml/output/data when the job wrote anything there.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isObject } from './definition.js';
import { StepFailure } from './errors.js';
import { jobRoot } from './job-common.js';
import { walk } from './local-s3.js';
import type { StepContext } from './steps/types.js';

function tarGz(dir: string, archive: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('tar', ['-czf', archive, '-C', dir, '.'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let error = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (error += d));
    child.on('error', (e) => reject(new StepFailure(`InternalServerError: cannot run tar: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new StepFailure(`InternalServerError: cannot pack ${dir}: ${error.trim()}`))));
  });
}

/** Uploads the model (and output data); returns ModelArtifacts.S3ModelArtifacts. */
export async function uploadModel(ctx: StepContext, outputPrefix: string): Promise<string> {
  const root = jobRoot(ctx);
  const config = isObject(ctx.args.OutputDataConfig) ? ctx.args.OutputDataConfig : {};
  if (walk(join(root, 'output', 'data')).length) {
    await tarGz(join(root, 'output', 'data'), join(ctx.dir, 'output.tar.gz'));
    ctx.s3.putFile(join(ctx.dir, 'output.tar.gz'), `${outputPrefix}/output.tar.gz`);
  }
  if (config.CompressionType === 'NONE') {
    const count = ctx.s3.uploadDir(join(root, 'model'), `${outputPrefix}/model`);
    ctx.log(`smpipe: /opt/ml/model -> ${outputPrefix}/model/ (${count} files, uncompressed)\n`);
    return `${outputPrefix}/model`;
  }
  await tarGz(join(root, 'model'), join(ctx.dir, 'model.tar.gz'));
  ctx.s3.putFile(join(ctx.dir, 'model.tar.gz'), `${outputPrefix}/model.tar.gz`);
  ctx.log(`smpipe: /opt/ml/model -> ${outputPrefix}/model.tar.gz\n`);
  return `${outputPrefix}/model.tar.gz`;
}
