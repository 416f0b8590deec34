import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { consolidate, type DatasetObject } from '../../containers/labeling-bridge/consolidation.js';
import { preAnnotation } from '../../containers/labeling-bridge/pre-annotation.js';

/**
 * Ground Truth played by the test: the generate step's data as an input manifest, workers'
 * <crowd-text-ranking> answers, and the output manifest the bridge's two Lambdas make of them,
 * then containers/preferences' build_preferences.py on it.
 */
export interface ManifestLine { id: string; source: string; responses: string[] }

export function inputManifest(count: number): ManifestLine[] {
  const questions = readFileSync('containers/generate/data/questions.jsonl', 'utf8').split('\n').filter(Boolean).slice(0, count);
  return questions.map((line) => {
    const q = JSON.parse(line) as { id: string; question: string };
    return { id: q.id, source: q.question, responses: [`Here's how: ${q.id}.`, `Please contact "support".`, `I don't know <b>${q.id}</b>.`, 'No.'] };
  });
}

/** A worker's answer as crowd-form posts it: the element's answer under its name. */
export function rankingAnswer(ranks: number[], dimension = 'Alignment'): string {
  return JSON.stringify({ ranking: { ordinalRankingDimensions: [{ name: dimension, responseRankings: ranks }] } });
}

/** Worker w ranks item i; worker 1 ties the last two (allowTie). Deterministic, with clear best and worst. */
function ranksOf(item: number, worker: number): number[] {
  if (worker === 1) return [1, 2, 3, 3];
  return item % 2 === 0 ? [1, 2, 3, 4] : [2, 1, 3, 4];
}

/** What Ground Truth hands the consolidation Lambda: the annotations of each data object. */
export function consolidationRequest(lines: ManifestLine[], workers: number): DatasetObject[] {
  return lines.map((line, i) => {
    const task = preAnnotation({ version: '2018-10-16', labelingJobArn: 'arn:aws:sagemaker:us-east-1:111122223333:labeling-job/x', dataObject: line });
    return {
      datasetObjectId: String(i),
      dataObject: line,
      annotations: Array.from({ length: workers }, (_, w) => ({ workerId: `private.us-east-1.worker${w}`, annotationData: { content: rankingAnswer(ranksOf(i, w)) } })).filter(() => task.taskInput.responses.length === 4),
    };
  });
}

/** The output manifest: each input line plus the consolidated label and Ground Truth's metadata. */
export function outputManifest(lines: ManifestLine[], workers: number, label: string, jobName = 'smp-job'): string {
  const consolidated = consolidate(consolidationRequest(lines, workers), label);
  return lines
    .map((line, i) => JSON.stringify({
      ...line,
      ...consolidated[i]?.consolidatedAnnotation.content,
      [`${label}-metadata`]: { type: 'groundtruth/custom', 'job-name': jobName, 'human-annotated': 'yes', 'creation-date': '2026-01-01T00:00:00.000000' },
    }))
    .join('\n') + '\n';
}

export interface Preferences { status: number; stderr: string; stats: Record<string, unknown>; train: string[]; test: string[] }

/** Runs build_preferences.py (standard library only) on a manifest file. */
export function buildPreferences(manifest: string, outDir: string, extra: string[] = []): Preferences {
  const python = existsSync('.venv/bin/python') ? '.venv/bin/python' : 'python3';
  mkdirSync(outDir, { recursive: true });
  const run = spawnSync(python, ['containers/preferences/build_preferences.py', '--manifest', manifest, '--output-dir', outDir, '--context-file', 'containers/generate/data/context.md', ...extra], { encoding: 'utf8' });
  const read = (file: string) => (existsSync(join(outDir, file)) ? readFileSync(join(outDir, file), 'utf8').split('\n').filter(Boolean) : []);
  const stats = existsSync(join(outDir, 'stats.json')) ? (JSON.parse(readFileSync(join(outDir, 'stats.json'), 'utf8')) as Record<string, unknown>) : {};
  return { status: run.status ?? -1, stderr: run.stderr, stats, train: read('train/train.jsonl'), test: read('test/test.jsonl') };
}

export function writeText(path: string, text: string): string {
  writeFileSync(path, text);
  return path;
}
