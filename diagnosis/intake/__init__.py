"""The claims intake for city and provincial bureaus: packages and signed reports from many
providers, verified and stored in PostgreSQL (or a SQLite file), counted per enterprise, with the
volume-and-effect tables the subsidy is paid on and flags for what looks wrong."""
