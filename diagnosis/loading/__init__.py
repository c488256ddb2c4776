"""Reading questionnaire files: parse, validate, check, hash, cache and catalogue."""
