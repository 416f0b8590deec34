"""The train_dpo.py job as a package: DPO + LoRA training (SageMaker script mode)."""
