"""The build_preferences.py job as a package: Ground Truth rankings -> DPO preference pairs."""
