"""Entry script: DPO + LoRA training with TRL (the code is in dpo/, the contract in README.md).

SageMaker training runs it by path: the training toolkit unpacks sourcedir.tar.gz into /opt/ml/code
and, for an entry ending in .py in a folder without setup.py, runs `python train_dpo.py --key value ...`
with cwd /opt/ml/code (aws/sagemaker-training-toolkit src/sagemaker_training/_entry_point_type.py and
entry_point.py; torchrun likewise). So this folder is sys.path[0] and both the `dpo` package and
the shared `jobkit` (a symlink that smpipe's packer dereferences) import from it. Keep setup.py out of
this folder: the toolkit would pip-install the folder as a package instead.
"""
from dpo.main import main
from jobkit import run_main

if __name__ == "__main__":
    run_main(main)
