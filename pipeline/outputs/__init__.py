"""Outputs: an Edition written as a build folder — datasets, report, manifest — and read back."""
