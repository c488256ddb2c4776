"""Offline digital-maturity self-diagnosis: questionnaires, scoring, storage and reports."""

__version__ = "0.2.0"
