"""Signed report PDFs: PAdES with the report signing key, checked by poppler's pdfsig and by our own check."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.pdfgen import canvas

from auditor_app.errors import UserFacingError
from auditor_app.signing import pdf_signing
from auditor_app.signing.certificates import device_certificate_path, report_certificate_path
from auditor_app.signing.device_key import load_or_create
from auditor_app.signing.pdf_signing import pdf_signature_problems, sign_pdf

PDFSIG = shutil.which("pdfsig")
needs_pdfsig = pytest.mark.skipif(PDFSIG is None, reason="poppler's pdfsig is not installed (poppler-utils; "
                                                         "scripts/system-deps.sh installs it)")
SIGNER = {"signer_name": "Li Na", "signer_firm": "Pearl River Assurance", "reason": "Final audit report",
          "location": "Dongguan, China"}
FINDING = b"Fire exit blocked on the second floor"


def make_pdf(path: Path, pages: int = 2) -> Path:
    """A small report: text in uncompressed streams, so a test can find and change a word of it."""
    pdf = canvas.Canvas(str(path), pageCompression=0)
    for page in range(pages):
        pdf.drawString(72, 760, f"ESCP audit report, page {page + 1}")
        pdf.drawString(72, 740, FINDING.decode())
        pdf.showPage()
    pdf.save()
    return path


def pdfsig(path: Path) -> str:
    result = subprocess.run([PDFSIG, str(path)], capture_output=True, text=True, timeout=60)
    return result.stdout + result.stderr


@pytest.fixture
def key(data_folder):
    return load_or_create(data_folder)


@pytest.fixture
def signed(tmp_path, key, data_folder):
    source = make_pdf(tmp_path / "report.pdf")
    target = tmp_path / "out" / "report-signed.pdf"
    target.parent.mkdir()
    sign_pdf(source, target, key=key, folder=data_folder, **SIGNER)
    return source, target


def change_one_byte(path: Path, inside: bytes, at: int = 0) -> None:
    data = bytearray(path.read_bytes())
    where = data.index(inside) + at
    data[where] = ord("X") if data[where] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))


# ---- signing and checking ---------------------------------------------------------------------------

def test_a_signed_pdf_passes_our_check(signed):
    source, target = signed
    assert pdf_signature_problems(target) == []
    assert target.read_bytes().startswith(source.read_bytes())  # an incremental update: the report as it was


@needs_pdfsig
def test_pdfsig_says_the_signature_is_valid(signed):
    _source, target = signed
    out = pdfsig(target)
    assert "Signature is Valid" in out, out
    assert "Total document signed" in out, out
    assert "Signer Certificate Common Name: Li Na" in out, out
    # Self-issued: nobody else vouches for the device certificate (until Connect registers keys).
    assert "Certificate issuer isn't Trusted" in out, out


def test_one_byte_changed_after_signing_fails_our_check(signed):
    _source, target = signed
    change_one_byte(target, FINDING, at=0)  # "Fire exit blocked" becomes "Xire exit blocked"
    problems = pdf_signature_problems(target)
    assert problems == [f"the signature of {target.name} does not match the file's content: {target.name} was "
                        "changed after it was signed"]


@needs_pdfsig
def test_one_byte_changed_after_signing_fails_pdfsig(signed):
    _source, target = signed
    change_one_byte(target, FINDING, at=0)
    out = pdfsig(target)
    assert "Signature is Valid" not in out, out


def test_content_added_after_signing_is_named(signed, tmp_path):
    _source, target = signed
    with open(target, "rb") as f:
        writer = IncrementalPdfFileWriter(f)
        writer.root["/Lang"] = generic.TextStringObject("fr")  # a new revision after the signed one
        writer.update_root()
        out = io.BytesIO()
        writer.write(out)
    target.write_bytes(out.getvalue())
    assert pdf_signature_problems(target) == [
        f"the signature of {target.name} does not cover the whole file: something was added to {target.name} "
        "after it was signed"]


def test_the_device_key_a_caller_expects(signed, key):
    _source, target = signed
    assert pdf_signature_problems(target, device_key_id=key.key_id) == []
    assert pdf_signature_problems(target, device_key_id="0123456789abcdef") == [
        f"the signature of {target.name} was made under device key {key.fingerprint}, not 0123 4567 89ab cdef"]


def test_an_unsigned_pdf_and_a_file_that_is_no_pdf(tmp_path):
    plain = make_pdf(tmp_path / "plain.pdf")
    assert pdf_signature_problems(plain) == ["plain.pdf is not signed"]
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"this is not a PDF")
    assert pdf_signature_problems(junk)[0].startswith("junk.pdf is not a readable PDF")
    assert pdf_signature_problems(tmp_path / "missing.pdf")[0].startswith("missing.pdf cannot be read")


def test_a_signature_whose_certificate_no_device_key_issued(tmp_path):
    """Signed as we sign, but the certificate comes from an ordinary P-256 CA: not traceable to a device key."""
    now = dt.datetime.now(dt.timezone.utc)
    ca_key, leaf_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Some CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(1).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=9))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(ca_key, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Li Na")]))
            .issuer_name(ca_name).public_key(leaf_key.public_key()).serial_number(2)
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=9))
            .sign(ca_key, hashes.SHA256()))
    der = serialization.Encoding.DER
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(leaf.public_bytes(der)),
        signing_key=asn1_keys.PrivateKeyInfo.load(leaf_key.private_bytes(
            der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(ca.public_bytes(der))]))
    source, target = make_pdf(tmp_path / "in.pdf"), tmp_path / "forged.pdf"
    with open(source, "rb") as f, open(target, "wb") as out:
        signers.sign_pdf(IncrementalPdfFileWriter(f), signers.PdfSignatureMetadata(
            field_name="Signature1", subfilter=fields.SigSeedSubFilter.PADES), signer=signer, output=out)
    assert pdf_signature_problems(target) == [
        "the signature of forged.pdf cannot be traced to a device key: its issuer is not a device certificate "
        "(not an Ed25519 key)"]


# ---- the certificates -------------------------------------------------------------------------------

def test_the_certificates_link_the_pdf_key_to_the_device_key(signed, key, data_folder):
    device = x509.load_pem_x509_certificate(device_certificate_path(data_folder).read_bytes())
    leaf = x509.load_pem_x509_certificate(report_certificate_path(data_folder).read_bytes())
    # The device certificate: self-signed by the Ed25519 device key, a CA for end certificates only.
    public = device.public_key()
    assert isinstance(public, ed25519.Ed25519PublicKey)
    assert public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw) == key.public_key_raw
    device.verify_directly_issued_by(device)
    constraints = device.extensions.get_extension_for_class(x509.BasicConstraints).value
    assert constraints.ca and constraints.path_length == 0
    assert key.key_id in device.subject.rfc4514_string()
    # The signing certificate: P-256, naming the signer and the device key, issued by the device.
    assert isinstance(leaf.public_key(), ec.EllipticCurvePublicKey)
    assert isinstance(leaf.public_key().curve, ec.SECP256R1)
    assert leaf.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Li Na"
    assert leaf.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "Pearl River Assurance"
    assert key.key_id in leaf.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value
    assert leaf.issuer == device.subject
    leaf.verify_directly_issued_by(device)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_the_report_signing_key_is_kept_like_the_device_key(signed, data_folder):
    keys = data_folder.root / "keys"
    assert stat.S_IMODE((keys / "report-signing-p256.pem").stat().st_mode) == 0o600
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    private = serialization.load_pem_private_key((keys / "report-signing-p256.pem").read_bytes(), password=None)
    assert isinstance(private, ec.EllipticCurvePrivateKey)


def test_the_certificate_is_reused_and_made_again_for_another_signer(signed, tmp_path, key, data_folder):
    first = x509.load_pem_x509_certificate(report_certificate_path(data_folder).read_bytes())
    source = make_pdf(tmp_path / "cap.pdf")
    sign_pdf(source, tmp_path / "cap-1.pdf", key=key, folder=data_folder, **SIGNER)
    assert x509.load_pem_x509_certificate(report_certificate_path(data_folder).read_bytes()) == first
    sign_pdf(source, tmp_path / "cap-2.pdf", key=key, folder=data_folder,
             **{**SIGNER, "signer_name": "Wang Fang"})
    second = x509.load_pem_x509_certificate(report_certificate_path(data_folder).read_bytes())
    assert second.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Wang Fang"
    assert second.public_key() == first.public_key()  # the same key, a new certificate
    assert pdf_signature_problems(tmp_path / "cap-1.pdf") == []
    assert pdf_signature_problems(tmp_path / "cap-2.pdf") == []


def test_a_damaged_certificate_file_is_made_again(signed, tmp_path, key, data_folder):
    device_certificate_path(data_folder).write_text("damaged")
    report_certificate_path(data_folder).write_bytes(b"")
    sign_pdf(make_pdf(tmp_path / "r.pdf"), tmp_path / "r-signed.pdf", key=key, folder=data_folder, **SIGNER)
    assert pdf_signature_problems(tmp_path / "r-signed.pdf") == []


def test_a_long_firm_name_is_cut_in_the_certificate_only(tmp_path, key, data_folder):
    firm = "Pearl River Assurance and Social Compliance Consulting (Shenzhen) Company Limited"
    target = tmp_path / "long.pdf"
    sign_pdf(make_pdf(tmp_path / "in.pdf"), target, key=key, folder=data_folder, **{**SIGNER, "signer_firm": firm})
    leaf = x509.load_pem_x509_certificate(report_certificate_path(data_folder).read_bytes())
    organisation = leaf.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    assert len(organisation) == 64 and organisation.endswith("…")
    assert pdf_signature_problems(target) == []


# ---- failures leave nothing behind ------------------------------------------------------------------

def test_a_failed_signing_leaves_no_output_file(tmp_path, key, data_folder):
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.4\nthis is no PDF really\n")
    target = tmp_path / "out" / "report-signed.pdf"
    target.parent.mkdir()
    with pytest.raises(UserFacingError) as caught:
        sign_pdf(source, target, key=key, folder=data_folder, **SIGNER)
    assert str(source) in caught.value.message
    assert list(target.parent.iterdir()) == []  # no output, no temp file
    assert source.read_bytes() == b"%PDF-1.4\nthis is no PDF really\n"


def test_a_signing_that_fails_half_way_leaves_the_earlier_output_and_the_input(signed, monkeypatch, key, data_folder):
    source, target = signed
    before_in, before_out = source.read_bytes(), target.read_bytes()

    def half_way(writer, meta, *, signer, output):
        output.write(b"%PDF-1.7 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf_signing.signers, "sign_pdf", half_way)
    with pytest.raises(UserFacingError) as caught:
        sign_pdf(source, target, key=key, folder=data_folder, **SIGNER)
    assert "full" in caught.value.message
    assert target.read_bytes() == before_out and source.read_bytes() == before_in
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_signing_in_place(tmp_path, key, data_folder):
    (tmp_path / "reports").mkdir()
    path = make_pdf(tmp_path / "reports" / "report.pdf")
    sign_pdf(path, path, key=key, folder=data_folder, **SIGNER)
    assert pdf_signature_problems(path) == []
    assert [p.name for p in path.parent.iterdir()] == ["report.pdf"]


def test_a_blank_signer_name_is_refused(tmp_path, key, data_folder):
    with pytest.raises(UserFacingError):
        sign_pdf(make_pdf(tmp_path / "r.pdf"), tmp_path / "s.pdf", key=key, folder=data_folder,
                 **{**SIGNER, "signer_name": "  "})
    assert not (tmp_path / "s.pdf").exists()


def test_a_pdf_signed_twice_checks_and_pdfsig_agrees(signed, tmp_path, key, data_folder):
    """A lead countersigning a signed report: both signatures intact, the newest covers the file."""
    _source, target = signed
    twice = tmp_path / "twice.pdf"
    sign_pdf(target, twice, key=key, folder=data_folder, **{**SIGNER, "signer_name": "Wang Fang"})
    assert pdf_signature_problems(twice) == []
    if PDFSIG:
        assert pdfsig(twice).count("Signature is Valid") == 2
