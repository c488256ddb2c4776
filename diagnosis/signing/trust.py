"""Trust lists: the certificates (of providers, or of the CAs that issue theirs) a reviewer accepts.

An entry that is a CA (`rules.may_issue`) vouches for the certificates it issues; any other entry
(a provider's own certificate, as `diagnosis keys new` makes) trusts exactly itself.

A trust list is a folder of .pem/.crt/.cer (and trust-list .json) files, one PEM file holding one
or many certificates, or a JSON file a city or province publishes:
`{"name": "…", "certificates": ["-----BEGIN CERTIFICATE-----…", …]}`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from asn1crypto import pem
from cryptography import x509

from diagnosis import paths
from diagnosis.errors import DiagnosisError, NotFoundError
from diagnosis.files import os_reason
from diagnosis.messages import msg
from diagnosis.signing.identity import fingerprint
from diagnosis.signing.rules import may_issue

CERTIFICATE_SUFFIXES = (".pem", ".crt", ".cer")
LIST_SUFFIX = ".json"
MAX_FILE = 16 * 2**20  # a trust list is a few KB per certificate; refuse to slurp anything huge


@dataclass(frozen=True)
class TrustList:
    """Accepted certificates, without duplicates; `name` says where they came from."""

    name: str
    certificates: tuple[x509.Certificate, ...] = ()

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(fingerprint(cert) for cert in self.certificates)

    @cached_property  # a frozen dataclass still has a __dict__: computed once per list
    def authorities(self) -> tuple[x509.Certificate, ...]:
        """The CA entries: the only trust roots a chain may lead to."""
        return tuple(cert for cert in self.certificates if may_issue(cert))

    @cached_property
    def _pinned(self) -> frozenset[str]:
        return frozenset(fingerprint(cert) for cert in self.certificates if not may_issue(cert))

    def pinned(self, cert: x509.Certificate) -> bool:
        """Whether `cert` itself is an entry that is not a CA (trusted as exactly that certificate)."""
        return fingerprint(cert) in self._pinned

    def __len__(self) -> int:
        return len(self.certificates)


def load_trust(path: Path) -> TrustList:
    """The trust list at `path` (folder, PEM/DER file or JSON list); a malformed entry is refused
    with a sentence naming its file."""
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.is_file() and p.suffix.lower() in (*CERTIFICATE_SUFFIXES, LIST_SUFFIX)
        )
        found = [cert for file in files for cert in read_certificates(file)]
        return TrustList(msg("trust.folder", path=str(path)), _unique(found))
    if not path.exists():
        raise NotFoundError(msg("trust.no_list", path=path))
    raw = _read(path)
    if path.suffix.lower() == LIST_SUFFIX or raw.lstrip().startswith(b"{"):
        name, found = _parse_json(raw, path)
        return TrustList(name or msg("trust.file", name=path.name), _unique(found))
    return TrustList(msg("trust.file", name=path.name), _unique(_parse_certificates(raw, path)))


def default_trust() -> TrustList:
    """The user's own trust list (`<data folder>/trust`); empty when the folder does not exist."""
    folder = paths.trust_dir()
    return load_trust(folder) if folder.is_dir() else TrustList(msg("trust.folder", path=str(folder)))


def read_certificates(path: Path) -> list[x509.Certificate]:
    """Every certificate in one file: PEM (one or many), DER, or a JSON trust list."""
    raw = _read(path)
    if path.suffix.lower() == LIST_SUFFIX:
        return _parse_json(raw, path)[1]
    return _parse_certificates(raw, path)


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE:
            raise DiagnosisError(msg("trust.too_large", path=path, mb=path.stat().st_size // 2**20))
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(msg("trust.no_file", path=path)) from None
    except OSError as error:
        raise DiagnosisError(msg("trust.cannot_read", path=path, reason=os_reason(error))) from None


def _parse_certificates(raw: bytes, path: Path) -> list[x509.Certificate]:
    if not pem.detect(raw):
        return [_certificate(raw, msg("trust.not_certificate", path=path))]
    found = []
    try:
        blocks = list(pem.unarmor(raw, multiple=True))
    except ValueError as error:
        raise DiagnosisError(msg("trust.pem_damaged", path=path, error=str(error))) from None
    for number, (kind, _headers, der) in enumerate(blocks, start=1):
        if kind == "CERTIFICATE":  # keys or CRLs kept beside certificates are not for trust
            found.append(_certificate(der, msg("trust.bad_block", path=path, number=number)))
    if not found:
        raise DiagnosisError(msg("trust.no_certificate", path=path))
    return found


def _parse_json(raw: bytes, path: Path) -> tuple[str, list[x509.Certificate]]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DiagnosisError(msg("trust.not_utf8", path=path)) from None
    except json.JSONDecodeError as error:
        raise DiagnosisError(
            msg("trust.json", path=path, line=error.lineno, col=error.colno, error=error.msg)
        ) from None
    entries = data.get("certificates") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise DiagnosisError(msg("trust.no_entries", path=path))
    name = data.get("name")
    found = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, str) or not pem.detect(entry.encode()):
            raise DiagnosisError(msg("trust.entry_not_pem", path=path, number=number))
        try:
            kind, _headers, der = pem.unarmor(entry.encode())
        except ValueError as error:
            raise DiagnosisError(
                msg("trust.entry_damaged", path=path, number=number, error=str(error))
            ) from None
        if kind != "CERTIFICATE":
            raise DiagnosisError(msg("trust.entry_kind", path=path, number=number, kind=kind))
        found.append(_certificate(der, msg("trust.entry_invalid", path=path, number=number)))
    return (name.strip() if isinstance(name, str) else ""), found


def _certificate(der: bytes, problem: str) -> x509.Certificate:
    try:
        cert = x509.load_der_x509_certificate(der)
        cert.subject  # noqa: B018 - parse the names now, not when a check reads them
    except ValueError as error:
        raise DiagnosisError(msg("trust.with_error", problem=problem, error=str(error))) from None
    return cert


def _unique(certificates: list[x509.Certificate]) -> tuple[x509.Certificate, ...]:
    return tuple({fingerprint(cert): cert for cert in certificates}.values())


def trust_certificate(certificate_file: Path, folder: Path | None = None) -> Path | None:
    """Add the certificates of a file to a trust folder (the user's own by default), e.g. a
    provider trusting its own new key so that its first verify passes. Returns the file written,
    or None when every certificate was trusted already."""
    from cryptography.hazmat.primitives.serialization import Encoding

    from diagnosis.files import write_atomic

    folder = folder or paths.trust_dir()
    if folder.exists() and not folder.is_dir():
        raise DiagnosisError(msg("trust.not_folder", path=str(folder)))
    certificates = read_certificates(certificate_file)
    known = load_trust(folder).fingerprints if folder.is_dir() else frozenset()
    new = [cert for cert in certificates if fingerprint(cert) not in known]
    if not new:
        return None
    target = folder / f"{certificate_file.stem}-{fingerprint(new[0])[:8].lower()}.pem"
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(target, b"".join(cert.public_bytes(Encoding.PEM) for cert in new), "certificate")
    return target
