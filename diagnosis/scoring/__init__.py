"""The scoring engine: answers + questionnaire → results, pure and deterministic."""
