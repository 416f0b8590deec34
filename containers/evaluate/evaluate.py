"""Entry script: score the trained (served) model against its base model (the code is in evaluation/, the contract in README.md).

SageMaker Processing runs it by path: the generated runproc.sh (src/assets/runproc.ts, as the SDK's
FrameworkProcessor) unpacks the code archive in /opt/ml/processing/input/code and runs
`python3 evaluate.py ARGS` there, so this folder is sys.path[0] and both the `evaluation` package and the
shared `jobkit` (a symlink that smpipe's packer dereferences) import from it.
"""
from evaluation.main import main
from jobkit import run_main

if __name__ == "__main__":
    run_main(main)
