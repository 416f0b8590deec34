"""The generate.py job as a package: sample N answers per question."""
