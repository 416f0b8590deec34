"""The evaluate.py job as a package: score the trained model against its base."""
