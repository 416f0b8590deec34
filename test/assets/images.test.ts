import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DLC_IMAGES, DLC_REGIONS, listImages, resolveImage, type DlcImageSpec } from '../../src/assets/images.js';
import { formatProblem } from '../../src/diagnostics/messages.js';

const ECR = (account: string, region: string, rest: string, domain = 'amazonaws.com') =>
  `${account}.dkr.ecr.${region}.${domain}/${rest}`;

const RESOLVED: [string, DlcImageSpec, string | undefined, string][] = [
  ['full version, GPU by default', { dlc: 'pytorch-training', version: '2.5.1' }, 'us-east-1',
    ECR('763104351884', 'us-east-1', 'pytorch-training:2.5.1-gpu-py311-cu124-ubuntu22.04-sagemaker')],
  ['prefix picks the newest match', { dlc: 'pytorch-training', version: '2' }, 'us-west-2',
    ECR('763104351884', 'us-west-2', 'pytorch-training:2.8.0-gpu-py312-cu129-ubuntu22.04-sagemaker')],
  ['"2.x" is the prefix "2"', { dlc: 'pytorch-training', version: '2.x', gpu: true }, 'eu-west-1',
    ECR('763104351884', 'eu-west-1', 'pytorch-training:2.8.0-gpu-py312-cu129-ubuntu22.04-sagemaker')],
  ['python narrows before "newest"', { dlc: 'pytorch-training', version: '2', python: '3.11' }, 'us-east-1',
    ECR('763104351884', 'us-east-1', 'pytorch-training:2.5.1-gpu-py311-cu124-ubuntu22.04-sagemaker')],
  ['CPU build', { dlc: 'pytorch-inference', version: '2.6', gpu: false, python: 'py312' }, 'ap-northeast-1',
    ECR('763104351884', 'ap-northeast-1', 'pytorch-inference:2.6.0-cpu-py312-ubuntu22.04-sagemaker')],
  ['own-account Region (Hong Kong)', { dlc: 'huggingface-pytorch-training', version: '2.5' }, 'ap-east-1',
    ECR('871362719292', 'ap-east-1', 'huggingface-pytorch-training:2.5.1-transformers4.49.0-gpu-py311-cu124-ubuntu22.04')],
  ['China uses amazonaws.com.cn', { dlc: 'djl-inference', version: '0.33' }, 'cn-north-1',
    ECR('727897471807', 'cn-north-1', 'djl-inference:0.33.0-lmi15.0.0-cu128', 'amazonaws.com.cn')],
  ['TGI by TGI version (the SDK reference image)', { dlc: 'huggingface-pytorch-tgi-inference', version: '2.0.2' }, 'us-east-1',
    ECR('763104351884', 'us-east-1', 'huggingface-pytorch-tgi-inference:2.3.0-tgi2.0.2-gpu-py310-cu121-ubuntu22.04')],
  ['LMI newest', { dlc: 'djl-inference', version: '0' }, 'mx-central-1',
    ECR('637423239942', 'mx-central-1', 'djl-inference:0.35.0-lmi17.0.0-cu128')],
  ['HF inference CPU', { dlc: 'huggingface-pytorch-inference', version: '2.6.0', gpu: false }, 'me-central-1',
    ECR('914824155844', 'me-central-1', 'huggingface-pytorch-inference:2.6.0-transformers4.51.3-cpu-py312-ubuntu22.04')],
];

const FAILED: [string, DlcImageSpec, string | undefined, string, RegExp][] = [
  ['no Region', { dlc: 'pytorch-training', version: '2.5.1' }, undefined, 'SMP6004', /set region/],
  ['Region typo', { dlc: 'pytorch-training', version: '2.5.1' }, 'us-east-l', 'SMP6004', /did you mean us-east-1\?/],
  ['Region far from any', { dlc: 'pytorch-training', version: '2.5.1' }, 'mars-1', 'SMP6004', /Regions with Deep Learning Containers: af-south-1/],
  ['real Region without a DLC registry', { dlc: 'pytorch-training', version: '2.5.1' }, 'ap-southeast-6', 'SMP6004', /full ECR URI/],
  ['unknown image', { dlc: 'pytorch-trainig', version: '2.5.1' }, 'us-east-1', 'SMP6005', /did you mean pytorch-training\?.*known: pytorch-training/],
  ['unknown version', { dlc: 'pytorch-training', version: '1.13' }, 'us-east-1', 'SMP6005', /listed versions: 2\.5\.1, 2\.6\.0/],
  ['version is not a string prefix', { dlc: 'pytorch-training', version: '2.5.10' }, 'us-east-1', 'SMP6005', /listed versions/],
  ['empty version', { dlc: 'pytorch-training', version: 'x' }, 'us-east-1', 'SMP6005', /listed versions/],
  ['no such Python build', { dlc: 'pytorch-training', version: '2.8', python: 'py310' }, 'us-east-1', 'SMP6005', /2\.8\.0: py312/],
  ['CPU asked, GPU only', { dlc: 'huggingface-pytorch-tgi-inference', version: '3', gpu: false }, 'us-east-1', 'SMP6005', /no CPU build, only GPU/],
];

describe('resolveImage: regional Deep Learning Containers URIs', () => {
  for (const [name, spec, region, uri] of RESOLVED) {
    it(name, () => assert.deepEqual(resolveImage(spec, region), { ok: true, uri }));
  }
  for (const [name, spec, region, code, hint] of FAILED) {
    it(`fails: ${name}`, () => {
      const result = resolveImage(spec, region);
      assert.equal(result.ok, false);
      if (result.ok) return;
      const shown = formatProblem(result.problem);
      assert.equal(shown.code, code);
      assert.match(`${shown.message} ${shown.hint ?? ''}`, hint);
    });
  }

  it('knows every commercial Region with DLCs, the newer ones included', () => {
    for (const region of ['ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'il-central-1',
      'ca-west-1', 'mx-central-1', 'me-central-1', 'eu-south-2', 'eu-central-2', 'ap-south-2', 'ap-east-2']) {
      assert.match(DLC_REGIONS[region] ?? '', /^\d{12}$/, region);
    }
    assert.equal(Object.keys(DLC_REGIONS).length, 37);
    assert.deepEqual(Object.keys(DLC_REGIONS), [...Object.keys(DLC_REGIONS)].sort());
  });

  it('every listed tag names its version, its device, and its Python where one is stated', () => {
    for (const [dlc, family] of Object.entries(DLC_IMAGES)) {
      for (const image of family.images) {
        for (const [device, tag] of [['gpu', image.gpu], ['cpu', image.cpu]] as const) {
          if (tag === undefined) continue;
          assert.ok(tag.includes(image.version) || dlc.includes('tgi'), `${dlc} ${tag}`);
          assert.ok(device === 'gpu' ? /(gpu|cu\d+)/.test(tag) : tag.includes('-cpu-'), `${dlc} ${tag}`);
          if (image.python) assert.ok(!/py\d+/.test(tag) || tag.includes(image.python), `${dlc} ${tag}`);
        }
      }
    }
  });

  it('listImages: every family, versions newest first', () => {
    const listed = listImages();
    assert.deepEqual(listed.map((f) => f.dlc), Object.keys(DLC_IMAGES));
    assert.deepEqual(listed.find((f) => f.dlc === 'djl-inference')?.versions.slice(0, 2), ['0.35.0', '0.34.0']);
  });
});
