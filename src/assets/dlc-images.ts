/**
 * The Deep Learning Container images smpipe can name by `{dlc, version}`, with exact tags.
 * Tags are written out in full (not assembled from parts) so each one can be checked by eye
 * against its source and grepped for.
 *
 * Sources:
 * - aws/deep-learning-containers available_images.md and
 *   https://aws.github.io/deep-learning-containers/reference/available_images/ (PyTorch
 *   SageMaker images, DJL/LMI table);
 * - Hugging Face's "Available DLCs on AWS" page (huggingface-pytorch-training/inference);
 * - deepjavalibrary/djl-serving LMI release notes (0.33.0-0.35.0);
 * - the SDK v2.240 reference definition (huggingface-pytorch-tgi-inference 2.0.2) and the
 *   TGI version→tag map used by the Hugging Face SageMaker tooling (2.3.1-3.3.6).
 * Tags without a "-vX.Y" suffix float to the newest patch release of that image.
 */

export interface DlcImage {
  /** The version users write: the framework's (PyTorch), TGI's or DJL Serving's. */
  readonly version: string;
  /** Python build, e.g. "py312"; absent where the source does not state it. */
  readonly python?: string;
  /** Full tag of the GPU (CUDA) build. */
  readonly gpu?: string;
  /** Full tag of the CPU build. */
  readonly cpu?: string;
}

export interface DlcFamily {
  /** ECR repository in the Region's DLC registry. */
  readonly repository: string;
  readonly description: string;
  readonly images: readonly DlcImage[];
}

export const DLC_IMAGES: Readonly<Record<string, DlcFamily>> = Object.freeze({
  'pytorch-training': {
    repository: 'pytorch-training',
    description: 'PyTorch training (SageMaker script mode, torchrun)',
    images: [
      { version: '2.5.1', python: 'py311', gpu: '2.5.1-gpu-py311-cu124-ubuntu22.04-sagemaker', cpu: '2.5.1-cpu-py311-ubuntu22.04-sagemaker' },
      { version: '2.6.0', python: 'py312', gpu: '2.6.0-gpu-py312-cu126-ubuntu22.04-sagemaker', cpu: '2.6.0-cpu-py312-ubuntu22.04-sagemaker' },
      { version: '2.7.1', python: 'py312', gpu: '2.7.1-gpu-py312-cu128-ubuntu22.04-sagemaker', cpu: '2.7.1-cpu-py312-ubuntu22.04-sagemaker' },
      { version: '2.8.0', python: 'py312', gpu: '2.8.0-gpu-py312-cu129-ubuntu22.04-sagemaker', cpu: '2.8.0-cpu-py312-ubuntu22.04-sagemaker' },
    ],
  },
  'pytorch-inference': {
    repository: 'pytorch-inference',
    description: 'PyTorch inference (SageMaker inference toolkit, TorchServe)',
    images: [
      { version: '2.5.1', python: 'py311', gpu: '2.5.1-gpu-py311-cu124-ubuntu22.04-sagemaker', cpu: '2.5.1-cpu-py311-ubuntu22.04-sagemaker' },
      { version: '2.6.0', python: 'py312', gpu: '2.6.0-gpu-py312-cu124-ubuntu22.04-sagemaker', cpu: '2.6.0-cpu-py312-ubuntu22.04-sagemaker' },
    ],
  },
  'huggingface-pytorch-training': {
    repository: 'huggingface-pytorch-training',
    description: 'PyTorch training with Hugging Face Transformers preinstalled',
    images: [
      { version: '2.1.0', python: 'py310', gpu: '2.1.0-transformers4.36.0-gpu-py310-cu121-ubuntu20.04' },
      { version: '2.5.1', python: 'py311', gpu: '2.5.1-transformers4.49.0-gpu-py311-cu124-ubuntu22.04' },
      { version: '2.9.0', python: 'py312', gpu: '2.9.0-transformers5.3.0-gpu-py312-cu130-ubuntu22.04' },
    ],
  },
  'huggingface-pytorch-inference': {
    repository: 'huggingface-pytorch-inference',
    description: 'PyTorch inference with Hugging Face Transformers (inference toolkit)',
    images: [
      { version: '2.1.0', python: 'py310', gpu: '2.1.0-transformers4.37.0-gpu-py310-cu118-ubuntu20.04', cpu: '2.1.0-transformers4.37.0-cpu-py310-ubuntu22.04' },
      { version: '2.6.0', python: 'py312', gpu: '2.6.0-transformers4.51.3-gpu-py312-cu124-ubuntu22.04', cpu: '2.6.0-transformers4.51.3-cpu-py312-ubuntu22.04' },
    ],
  },
  'huggingface-pytorch-tgi-inference': {
    repository: 'huggingface-pytorch-tgi-inference',
    description: 'Hugging Face Text Generation Inference (TGI) LLM serving; version is the TGI version',
    images: [
      { version: '2.0.2', python: 'py310', gpu: '2.3.0-tgi2.0.2-gpu-py310-cu121-ubuntu22.04' },
      { version: '2.3.1', python: 'py311', gpu: '2.4.0-tgi2.3.1-gpu-py311-cu124-ubuntu22.04' },
      { version: '3.0.1', python: 'py311', gpu: '2.4.0-tgi3.0.1-gpu-py311-cu124-ubuntu22.04' },
      { version: '3.3.6', python: 'py311', gpu: '2.7.0-tgi3.3.6-gpu-py311-cu124-ubuntu22.04' },
    ],
  },
  'djl-inference': {
    repository: 'djl-inference',
    description: 'Large Model Inference (LMI, DJL Serving with vLLM); version is the DJL Serving version',
    images: [
      { version: '0.30.0', python: 'py310', gpu: '0.30.0-lmi12.0.0-cu124' },
      { version: '0.31.0', python: 'py311', gpu: '0.31.0-lmi13.0.0-cu124' },
      { version: '0.32.0', python: 'py311', gpu: '0.32.0-lmi14.0.0-cu126' },
      { version: '0.33.0', python: 'py312', gpu: '0.33.0-lmi15.0.0-cu128' },
      { version: '0.34.0', gpu: '0.34.0-lmi16.0.0-cu128' },
      // LMI 17 = djl-serving v0.35.0: serving/docker/lmi-container-requirements.txt pins transformers==4.57.1 and
      // torch==2.9.0, lmi.Dockerfile python_version=3.12; the v0.36.0 release notes name vLLM 0.11.1 for LMI 17.
      { version: '0.35.0', python: 'py312', gpu: '0.35.0-lmi17.0.0-cu128' },
    ],
  },
});
