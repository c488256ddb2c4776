"""Dialogs for what the CLI does besides answering: compare, the provider summary, re-assess on
a newer questionnaire, the plausibility warnings."""
