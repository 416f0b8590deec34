"""Entry script: sample N answers per question and write the Ground Truth manifest (the code is in generation/, the contract in README.md).

SageMaker Processing runs it by path: the generated runproc.sh (src/assets/runproc.ts, as the SDK's
FrameworkProcessor) unpacks the code archive in /opt/ml/processing/input/code and runs
`python3 generate.py ARGS` there, so this folder is sys.path[0] and both the `generation` package and the
shared `jobkit` (a symlink that smpipe's packer dereferences) import from it.
"""
from generation.main import main
from jobkit import run_main

if __name__ == "__main__":
    run_main(main)
