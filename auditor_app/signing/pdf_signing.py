"""Signing the final report and CAP PDFs (PAdES, with pyHanko), and checking such a signature.

The signature is made with the report signing key (ECDSA P-256, which poppler's pdfsig can check),
under a certificate issued by the device certificate; both certificates are embedded (see
`certificates`). pdfsig then says "Signature is Valid" and "Certificate issuer isn't Trusted": the
device certificate is self-issued and no one else vouches for it (until keys are registered with
the Connect platform). `pdf_signature_problems` checks the rest itself: that the signature is intact,
covers the whole file, and that its certificate was issued by a device certificate whose Ed25519
signature verifies.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, BinaryIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from auditor_app.errors import UserFacingError, as_user_error
from auditor_app.paths import DataFolder
from auditor_app.signing.atomic_files import write_atomic_with
from auditor_app.signing.certificates import (
    SigningIdentity,
    device_certificate_problem,
    device_key_id_named_in,
    signing_identity,
)
from auditor_app.signing.device_key import DeviceKey, fingerprint_of, key_id_of
from auditor_app.text import printable

DIGEST = "sha256"


def sign_pdf(path_in: str | os.PathLike[str], path_out: str | os.PathLike[str], *, key: DeviceKey,
             folder: DataFolder, signer_name: str, signer_firm: str, reason: str, location: str) -> None:
    """Write `path_in`, signed by `signer_name` with this installation's report signing key, to `path_out`.

    Atomic: the signed file is written to a temp file beside `path_out`, synced and renamed, so a
    failure leaves no output (and an earlier `path_out` as it was); `path_in` is only read (it may be
    `path_out` itself). Raises `UserFacingError` for an input that is not a PDF pyHanko can sign."""
    source, target = Path(path_in), Path(path_out)
    identity = signing_identity(key, folder, signer_name=signer_name, signer_firm=signer_firm)
    try:
        data = source.read_bytes()  # read whole: the output may replace the input
    except OSError as exc:
        raise _user_error(exc, source) from exc
    signer = _signer(identity)

    def write(out: BinaryIO) -> None:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        meta = signers.PdfSignatureMetadata(
            field_name=_new_field_name(writer), name=signer_name.strip(), reason=reason or None,
            location=location or None, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm=DIGEST)
        signers.sign_pdf(writer, meta, signer=signer, output=out)

    try:
        write_atomic_with(target, write)
    except (PdfError, SigningError, ValueError) as exc:
        raise UserFacingError(f"{source} could not be signed: it is not a PDF this app can sign "
                              f"({type(exc).__name__}: {exc})",
                              "Export the report again, then sign the new file.") from exc
    except OSError as exc:
        raise _user_error(exc, target) from exc


def pdf_signature_problems(path: str | os.PathLike[str], *, device_key_id: str | None = None) -> list[str]:
    """[] when the PDF at `path` carries intact signatures made as `sign_pdf` makes them, the newest
    covering the whole file; otherwise each problem as a sentence naming the file.

    Trust is not judged beyond the device certificate: which device keys belong to whom is for
    registration (Connect) to say. `device_key_id`, if given, is the device key every signature must
    trace to (say, the one that signed the audit's seal statement)."""
    file = Path(path)
    name = printable(file.name)
    try:
        data = file.read_bytes()
    except OSError as exc:
        return [f"{name} cannot be read ({exc.strerror or exc})"]
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception as exc:  # a file from anywhere: any failure to parse it is "not a readable PDF"
        return [f"{name} is not a readable PDF ({type(exc).__name__})"]
    if not signatures:
        return [f"{name} is not signed"]
    problems: list[str] = []
    for number, signature in enumerate(signatures, start=1):
        what = f"the signature of {name}" if len(signatures) == 1 else f"signature {number} of {name}"
        newest = number == len(signatures)
        problems += _signature_problems(signature, what, name, newest=newest, device_key_id=device_key_id)
    return problems


def _signature_problems(signature: Any, what: str, name: str, *, newest: bool,
                        device_key_id: str | None) -> list[str]:
    problems: list[str] = []
    try:
        signer_cert = _cryptography_cert(signature.signer_cert)
        others = [_cryptography_cert(c) for c in signature.other_embedded_certs]
    except Exception as exc:  # damaged certificates inside the signature
        return [f"{what} carries certificates that cannot be read ({type(exc).__name__})"]
    device_cert, chain_problem = _device_link(signer_cert, others)
    if chain_problem:
        problems.append(f"{what} cannot be traced to a device key: {chain_problem}")
    elif device_cert is not None and device_key_id is not None:
        found = device_key_id_named_in(device_cert.subject) or "?"
        if found != device_key_id:
            problems.append(f"{what} was made under device key {fingerprint_of(found)}, not "
                            f"{fingerprint_of(device_key_id)}")
    roots = [asn1_x509.Certificate.load(device_cert.public_bytes(serialization.Encoding.DER))] if device_cert else []
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = validate_pdf_signature(signature, context)
    except Exception as exc:  # pyHanko refuses what it cannot evaluate at all (a hostile or odd file)
        return problems + [f"{what} cannot be checked ({type(exc).__name__}: {printable(str(exc))[:200]})"]
    if not status.intact:
        problems.append(f"{what} does not match the file's content: {name} was changed after it was signed")
    elif not status.valid:
        problems.append(f"{what} is not valid: it was not made with the key of its certificate")
    elif not status.trusted and not chain_problem:
        problems.append(f"{what}'s certificate does not check against its device certificate "
                        f"({status.trust_problem_indic})")
    coverage = status.coverage
    if newest and coverage != SignatureCoverageLevel.ENTIRE_FILE:
        problems.append(f"{what} does not cover the whole file: something was added to {name} after it "
                        "was signed")
    elif not newest:
        level = status.modification_level
        if coverage is None or level is None or level > ModificationLevel.FORM_FILLING:
            problems.append(f"{name} was changed after {what} beyond adding signatures")
    return problems


def _device_link(signer_cert: x509.Certificate, others: list[x509.Certificate]
                 ) -> tuple[x509.Certificate | None, str | None]:
    """The device certificate that issued `signer_cert` (among the embedded ones), or what is wrong."""
    issuers = [c for c in others if c.subject == signer_cert.issuer]
    if not issuers:
        return None, "the certificate that issued the signing certificate is not in the signature"
    device_cert = issuers[0]
    problem = device_certificate_problem(device_cert)
    if problem:
        return None, problem
    try:
        signer_cert.verify_directly_issued_by(device_cert)
    except (InvalidSignature, ValueError, TypeError):
        return None, "the signing certificate's signature by the device key does not verify"
    raw = device_cert.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if device_key_id_named_in(signer_cert.subject) != key_id_of(raw):
        return None, "the signing certificate names another device key than the one that issued it"
    return device_cert, None


def _new_field_name(writer: IncrementalPdfFileWriter) -> str:
    """An invisible signature field of a name the PDF does not use yet ("ESCP signature 1", 2, …)."""
    taken = {name for name, _value, _ref in fields.enumerate_sig_fields(writer)}
    number = 1
    while f"ESCP signature {number}" in taken:
        number += 1
    return f"ESCP signature {number}"


def _signer(identity: SigningIdentity) -> signers.SimpleSigner:
    """A pyHanko signer; the device certificate goes into the signature as the signer's issuer."""
    key_der = identity.private_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                 serialization.NoEncryption())
    device = asn1_x509.Certificate.load(identity.device_certificate.public_bytes(serialization.Encoding.DER))
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(identity.certificate.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([device]))


def _cryptography_cert(cert: asn1_x509.Certificate) -> x509.Certificate:
    return x509.load_der_x509_certificate(cert.dump())


def _user_error(exc: OSError, where: Path) -> UserFacingError:
    return as_user_error(exc, where=where) or UserFacingError(f"{where} could not be read or written ({exc})")
