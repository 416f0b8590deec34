/**
 * Issue #10 item 4 and #11 speed items, at the compile level: local paths stay inside the project
 * unless `localFiles.allowOutside` says otherwise (links followed), secrets in packed files are
 * errors at `code:`, a missing folder suggests its near miss, and a folder many steps share is
 * packed once per compile.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { compile, type CompileResult } from '../../src/compile/compile.js';
import { AssetRegistry } from '../../src/compile/asset-registry.js';

const scratch = mkdtempSync(join(tmpdir(), 'smpipe-local-files-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
/** A project folder: specs/ beside code/ and data/, optionally a git work tree. */
function project(files: Record<string, string>, git = false): string {
  counter += 1;
  const root = join(scratch, `p${counter}`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  if (git) mkdirSync(join(root, '.git'), { recursive: true });
  return root;
}

const HEAD = `pipeline: p
artifacts: s3://b/p
defaults: { role: "arn:aws:iam::111122223333:role/R" }
`;
const step = (name: string, body: string) => `  ${name}:
    kind: processing
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/x:1
    instance: { type: ml.m5.xlarge }
${body}`;
const codeStep = (name: string, code: string) => step(name, `    code: ${code}\n    entry: job.py\n`);

function compileIn(root: string, spec: string): CompileResult {
  const file = join(root, 'specs/spec.yaml');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, spec);
  return compile(spec, { file });
}

const codes = (r: CompileResult) => r.diagnostics.map((d) => `${d.code} ${d.pointer}`);

describe('the project boundary', () => {
  const CODE = { 'code/job.py': 'print(1)\n', 'data/q.jsonl': '{}\n', 'specs/.keep': '' };

  it('without git, the project is the spec\'s folder: ../code is refused at its position (SMP6007)', () => {
    const result = compileIn(project(CODE), `${HEAD}steps:\n${codeStep('A', '../code')}`);
    assert.deepEqual(codes(result), ['SMP6007 /steps/A/code']);
    assert.equal(result.diagnostics[0]?.range?.start.line, 9);
    assert.equal(result.assets.length, 0);
  });

  it('in a git work tree, the whole work tree is the project', () => {
    const result = compileIn(project(CODE, true), `${HEAD}steps:\n${codeStep('A', '../code')}`);
    assert.deepEqual(codes(result), []);
  });

  it('localFiles.allowOutside is the explicit opt-in, for folders and single files', () => {
    const spec = `${HEAD}localFiles: { allowOutside: [../code, ../data/q.jsonl] }\nsteps:\n${codeStep('A', '../code')}${step('B', '    entrypoint: [python3, /x.py]\n    inputs: { q: { file: ../data/q.jsonl } }\n')}`;
    assert.deepEqual(codes(compileIn(project(CODE), spec)), []);
  });

  it('local input files, values: and template: are held to the same boundary', () => {
    const root = project({ ...CODE, 'specs/inside.jsonl': '{}\n' });
    const spec = `${HEAD}steps:\n${step('B', '    entrypoint: [python3, /x.py]\n    inputs: { q: { file: ../data/q.jsonl }, ok: { file: inside.jsonl } }\n')}  Rank:
    kind: ground-truth
    queue: https://sqs.us-east-1.amazonaws.com/111122223333/labeling
    manifest: s3://b/in/manifest.jsonl
    workteam: arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/team
    labelingRole: arn:aws:iam::111122223333:role/Labeling
    lambdas: { preAnnotation: "arn:aws:lambda:us-east-1:111122223333:function:pre", consolidation: "arn:aws:lambda:us-east-1:111122223333:function:post" }
    ranking: { dimension: Alignment, instructions: Rank them }
    values: ../data/q.jsonl
    template: /etc/hostname
`;
    assert.deepEqual(codes(compileIn(root, spec)).sort(), ['SMP6007 /steps/B/inputs/q/file', 'SMP6007 /steps/Rank/template', 'SMP6007 /steps/Rank/values']);
  });

  it('a link inside the code folder that leads out of the project is refused, not followed into an upload', () => {
    const home = project({ '.aws/credentials': '[default]\naws_secret_access_key = x\n' });
    const root = project(CODE, true);
    symlinkSync(join(home, '.aws'), join(root, 'code/aws'));
    const result = compileIn(root, `${HEAD}steps:\n${codeStep('A', '../code')}`);
    assert.deepEqual(codes(result), ['SMP6007 /steps/A/code']);
    assert.match(result.diagnostics[0]?.message ?? '', /"aws" links to .*\.aws, outside the project/);
  });

  it('a code: that is a link to a folder outside is refused on its real path', () => {
    const elsewhere = project({ 'job.py': '' });
    const root = project(CODE, true);
    symlinkSync(elsewhere, join(root, 'linked'));
    assert.deepEqual(codes(compileIn(root, `${HEAD}steps:\n${codeStep('A', '../linked')}`)), ['SMP6007 /steps/A/code']);
  });

  it('an allowOutside entry that does not exist is reported where it is written (SMP6003)', () => {
    const result = compileIn(project(CODE, true), `${HEAD}localFiles: { allowOutside: [../../nowhere-${counter}] }\nsteps:\n${codeStep('A', '../code')}`);
    assert.deepEqual(codes(result), ['SMP6003 /localFiles/allowOutside/0']);
  });
});

describe('packed files and folders', () => {
  it('a secret in a packed file is an error at code:, naming the file and line (SMP6010)', () => {
    const root = project({ 'code/job.py': 'print(1)\n', 'code/.env': 'A=1\nHF_TOKEN=hf_abcdefghijklmnopqrstuvwxyzABCDEFGH\n' }, true);
    const result = compileIn(root, `${HEAD}steps:\n${codeStep('A', '../code')}`);
    assert.deepEqual(codes(result), ['SMP6010 /steps/A/code']);
    assert.match(result.diagnostics[0]?.message ?? '', /^\.\.\/code\/\.env:2 holds a Hugging Face token/);
    // Listed in the ignore file, it stays out of the archive, and out of the scan.
    writeFileSync(join(root, 'code/.smpipeignore'), '.env\n');
    assert.deepEqual(codes(compileIn(root, `${HEAD}steps:\n${codeStep('A', '../code')}`)), []);
  });

  it('a missing folder suggests its near miss (train_dpo beside train-dpo, SMP6001)', () => {
    const result = compileIn(project({ 'code/train-dpo/job.py': '' }, true), `${HEAD}steps:\n${codeStep('A', '../code/train_dpo')}`);
    assert.deepEqual(codes(result), ['SMP6001 /steps/A/code']);
    assert.equal(result.diagnostics[0]?.hint, 'did you mean ../code/train-dpo?');
  });

  it('localFiles.maxArchiveMiB caps each archive (SMP6008)', () => {
    const root = project({ 'code/job.py': 'x'.repeat(3000) }, true);
    assert.deepEqual(codes(compileIn(root, `${HEAD}localFiles: { maxArchiveMiB: 0.002 }\nsteps:\n${codeStep('A', '../code')}`)), ['SMP6008 /steps/A/code']);
    assert.deepEqual(codes(compileIn(root, `${HEAD}localFiles: { maxArchiveMiB: 0.003 }\nsteps:\n${codeStep('A', '../code')}`)), []);
  });

  it('a folder many steps share is packed once per compile', () => {
    const root = project({ 'code/job.py': 'print(1)\n' }, true);
    const registry = new AssetRegistry(join(root, 'specs'), 's3://b/p');
    const first = registry.packFolder('../code', 'sourcedir.tar.gz');
    assert.equal(registry.packFolder('../code', 'sourcedir.tar.gz'), first, 'the same result: not listed or packed again');
    assert.equal(registry.packFolder('../code/', 'sourcedir.tar.gz'), first, 'however the path is written');
    const steps = Array.from({ length: 30 }, (_, i) => codeStep(`S${i}`, '../code')).join('');
    const result = compileIn(root, `${HEAD}steps:\n${steps}`);
    assert.deepEqual(codes(result), []);
    assert.equal(result.assets.filter((a) => a.name === 'sourcedir.tar.gz').length, 1);
  });
});
