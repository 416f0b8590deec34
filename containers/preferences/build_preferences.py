"""Entry script: Ground Truth rankings -> DPO preference pairs (the code is in preference_builder/, the contract in README.md).

SageMaker Processing runs it by path: the generated runproc.sh (src/assets/runproc.ts, as the SDK's
FrameworkProcessor) unpacks the code archive in /opt/ml/processing/input/code and runs
`python3 build_preferences.py ARGS` there, so this folder is sys.path[0] and both the `preference_builder` package and the
shared `jobkit` (a symlink that smpipe's packer dereferences) import from it.
"""
from preference_builder.main import main
from jobkit import run_main

if __name__ == "__main__":
    run_main(main)
