"""Signing and trust: provider keys, signed reports and packages, trust lists and strict checks.

Modules (import the one you need; only `pdf`, `cms` and `backend` load pyHanko):
`identity` who a certificate names, `keys` provider key files, `trust` trust lists,
`pdf` and `pdf_check` signing and checking reports, `changes` what an update after signing did,
`cms` detached signatures over bytes, `result` the outcome of a check, `backend` pyHanko set-up,
`files` atomic writes.
"""
