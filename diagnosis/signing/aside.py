"""A report's signature checked in a process of its own while the caller re-renders its pages.

`verify` does two independent things: the strict signature check (pyHanko's import alone is a
third of a second) and the page-by-page re-render (about a second for a full DCMM report). They
meet only at the end, so on any machine with a second core the check costs nothing extra. The
process is spawned, never forked (the wizard verifies from a worker thread, and a fork of a
threaded program may hang); where no process can start, the check runs here instead.

    answer = check_aside(raw, trust)      # returns at once
    ...                                   # re-render, compare pages
    signature = answer()                  # the SignatureCheck, waited for when needed
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import cache

from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import load_der_x509_certificate

from diagnosis.signing.result import SignatureCheck
from diagnosis.signing.trust import TrustList


def check_aside(raw: bytes, trust: TrustList) -> Callable[[], SignatureCheck]:
    """Start checking the signature of `raw` against `trust`; call the result for the check."""
    certificates = [cert.public_bytes(Encoding.DER) for cert in trust.certificates]
    try:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        future = pool.submit(_check, raw, trust.name, certificates)
    except (OSError, RuntimeError):  # no process to be had (limits, a sandbox): check here
        return cache(lambda: _check(raw, trust.name, certificates))

    @cache
    def answer() -> SignatureCheck:
        try:
            return future.result()
        except Exception:  # the process died (killed, out of memory): the check is done here
            return _check(raw, trust.name, certificates)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    return answer


def _check(raw: bytes, name: str, certificates: list[bytes]) -> SignatureCheck:
    """The check itself, in whichever process runs it (certificates travel as DER: the
    cryptography library's objects cannot be pickled)."""
    from diagnosis.logs import route_warnings_to_log

    route_warnings_to_log()  # a spawned process starts with Python's defaults (stderr)
    from diagnosis.signing.pdf_check import check_pdf_signature  # pyHanko warns as it loads

    trust = TrustList(name, tuple(load_der_x509_certificate(der) for der in certificates))
    return check_pdf_signature(raw, trust)
