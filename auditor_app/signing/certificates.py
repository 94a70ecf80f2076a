"""The certificates behind signed PDFs: the device certificate and the report signing certificate.

poppler's pdfsig (Debian 12) cannot check an Ed25519 PDF signature but does check ECDSA P-256, so
PDFs are not signed with the device key itself. Instead:

- the device key issues itself a certificate (`keys/device-ed25519.crt`): self-signed Ed25519, a CA
  that may issue end certificates only (path length 0), its subject naming the device key id;
- a second key, ECDSA P-256, used for nothing but PDFs (the report signing key, stored like the device
  key: keyring or a 0600 file, see `key_store`), gets a certificate from the device certificate
  (`keys/report-signing-p256.crt`) whose subject names the signer (name, firm) and the device key id.

Both certificates go into every signature, so a verifier can follow the link from the PDF signature
to the device key. Certificates hold nothing secret and are made again whenever the stored one does
not fit (a different signer name, a damaged file): unlike a key, replacing one orphans nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
from cryptography.x509.oid import NameOID

from auditor_app.errors import UserFacingError
from auditor_app.paths import DataFolder
from auditor_app.signing import key_store
from auditor_app.signing.atomic_files import write_atomic
from auditor_app.signing.device_key import DeviceKey, key_id_of
from auditor_app.signing.key_places import keys_folder

REPORT_SLOT = key_store.KeySlot(name="report-signing-p256", label="the report signing key",
                                title="ESCP Field Auditor report signing key (ECDSA P-256)")
APP = "ESCP Field Auditor"
DEVICE_KEY_PREFIX = f"{APP} device key "  # + key id: the device certificate's CN, the signer's OU
# RFC 5280 4.1.2.5: 9999-12-31 23:59:59 means "no well-defined expiration". A report must still check
# in ten years; nothing here could renew a certificate inside an old PDF.
NO_EXPIRY = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc)
CLOCK_SLACK = dt.timedelta(days=1)  # a checker whose clock is a little behind still sees it valid
NAME_MAX = 64  # X.520 upper bound for a common or organization name


@dataclass(frozen=True)
class SigningIdentity:
    """What a PDF signature is made with: the P-256 key, its certificate, and its issuer."""

    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    device_certificate: x509.Certificate


def device_certificate_path(folder: DataFolder) -> Path:
    return keys_folder(folder) / "device-ed25519.crt"


def report_certificate_path(folder: DataFolder) -> Path:
    return keys_folder(folder) / f"{REPORT_SLOT.name}.crt"


def signing_identity(key: DeviceKey, folder: DataFolder, *, signer_name: str, signer_firm: str) -> SigningIdentity:
    """The report signing key and a certificate for it naming this signer, made on first use."""
    name = signer_name.strip()
    if not name:
        raise UserFacingError("the report cannot be signed without the signer's name",
                              "Enter the lead auditor's name, then sign again.")
    device_cert = _device_certificate(key, folder)
    private, _stored_in = key_store.load_or_create(folder, REPORT_SLOT, ec.EllipticCurvePrivateKey,
                                                   lambda: ec.generate_private_key(ec.SECP256R1()))
    assert isinstance(private, ec.EllipticCurvePrivateKey)  # key_store returns only keys of the kind asked
    if not isinstance(private.curve, ec.SECP256R1):
        raise UserFacingError(f"{REPORT_SLOT.label} of this data folder is not a P-256 key",
                              "Restore the keys folder from a backup, or ask support.")
    subject = signer_subject(name, signer_firm.strip(), key.key_id)
    path = report_certificate_path(folder)
    cert = _read_certificate(path)
    if cert is None or not _fits_signer(cert, private, subject, device_cert):
        cert = key.sign_certificate(
            _builder(subject, device_cert.subject, private.public_key())
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(digital_signature=True, content_commitment=True), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key), critical=False))
        write_atomic(path, cert.public_bytes(serialization.Encoding.PEM))
    return SigningIdentity(private, cert, device_cert)


def signer_subject(name: str, firm: str, device_key_id: str) -> x509.Name:
    """CN the signer, O their firm (if any), OU the device key that vouches for them."""
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, _fit(name))]
    if firm:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(firm)))
    attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEVICE_KEY_PREFIX + device_key_id))
    return x509.Name(attributes)


def device_key_id_named_in(name: x509.Name) -> str | None:
    """The device key id a subject names (CN of a device certificate, OU of a signer), if any."""
    for oid in (NameOID.ORGANIZATIONAL_UNIT_NAME, NameOID.COMMON_NAME):
        for attribute in name.get_attributes_for_oid(oid):
            value = attribute.value if isinstance(attribute.value, str) else ""
            if value.startswith(DEVICE_KEY_PREFIX):
                return value.removeprefix(DEVICE_KEY_PREFIX)
    return None


def device_certificate_problem(cert: x509.Certificate) -> str | None:
    """None when `cert` is a device certificate: self-signed by an Ed25519 key, a CA, and naming
    that key's id; otherwise what it is not."""
    public = cert.public_key()
    if not isinstance(public, ed25519.Ed25519PublicKey):
        return "its issuer is not a device certificate (not an Ed25519 key)"
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if cert.issuer != cert.subject:
        return "its issuer is not a device certificate (not self-issued)"
    try:
        cert.verify_directly_issued_by(cert)
    except (InvalidSignature, ValueError, TypeError):
        return "the device certificate's Ed25519 signature does not verify"
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        constraints = None
    if constraints is None or not constraints.ca:
        return "its issuer is not a device certificate (not a certificate authority)"
    if device_key_id_named_in(cert.subject) != key_id_of(raw):
        return "the device certificate names another key id than its own key's"
    return None


def _device_certificate(key: DeviceKey, folder: DataFolder) -> x509.Certificate:
    path = device_certificate_path(folder)
    cert = _read_certificate(path)
    if cert is not None and _is_device_certificate_of(cert, key):
        return cert
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, DEVICE_KEY_PREFIX + key.key_id),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, APP)])
    cert = key.sign_certificate(
        _builder(name, name, key.public_key)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True))
    key_store.ensure_keys_folder(folder)
    write_atomic(path, cert.public_bytes(serialization.Encoding.PEM))
    return cert


def _is_device_certificate_of(cert: x509.Certificate, key: DeviceKey) -> bool:
    public = cert.public_key()
    return (isinstance(public, ed25519.Ed25519PublicKey)
            and public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw) == key.public_key_raw
            and device_certificate_problem(cert) is None)


def _fits_signer(cert: x509.Certificate, private: ec.EllipticCurvePrivateKey, subject: x509.Name,
                 device_cert: x509.Certificate) -> bool:
    """The stored signing certificate is for this key, this signer, and issued by this device."""
    if cert.subject != subject or cert.issuer != device_cert.subject:
        return False
    if _spki(cert.public_key()) != _spki(private.public_key()):
        return False
    try:
        cert.verify_directly_issued_by(device_cert)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _read_certificate(path: Path) -> x509.Certificate | None:
    """The PEM certificate in `path`, or None if there is none or it cannot be read (made again)."""
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError):
        return None


def _builder(subject: x509.Name, issuer: x509.Name, public: ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey
             ) -> x509.CertificateBuilder:
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    return (x509.CertificateBuilder()
            .subject_name(subject).issuer_name(issuer).public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - CLOCK_SLACK).not_valid_after(NO_EXPIRY)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False))


def _key_usage(*, digital_signature: bool = False, content_commitment: bool = False, key_cert_sign: bool = False,
               crl_sign: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=digital_signature, content_commitment=content_commitment,
                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                         key_cert_sign=key_cert_sign, crl_sign=crl_sign, encipher_only=False, decipher_only=False)


def _spki(public: PublicKeyTypes) -> bytes:
    return public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _fit(text: str) -> str:
    """At most 64 characters (X.520's bound); a longer name is cut with "…" (the PDF's /Name keeps it whole)."""
    return text if len(text) <= NAME_MAX else text[:NAME_MAX - 1] + "…"
