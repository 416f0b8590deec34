import sys
from pathlib import Path

# gt_builders.py (helpers shared by this folder's tests) is imported by bare name.
sys.path.insert(0, str(Path(__file__).resolve().parent))
