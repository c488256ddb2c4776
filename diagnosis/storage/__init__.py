"""Assessments on disk: one SQLite file, every answer committed durably when it is given."""
