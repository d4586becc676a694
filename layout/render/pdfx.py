"""PDF/X post-processing with pikepdf: output intent, XMP, Info keys, document ID.

In:  PDF bytes from the renderer (DeviceCMYK only, fonts embedded, fixed
     dates), a CMYK ICC output profile and the PDF/X flavour.
Out: PDF/X bytes, saved deterministically (same input, same bytes), and
     ``verify_pdfx`` to check the formal PDF/X entries of any PDF.

Which PDF/X for a newspaper? **PDF/X-1a:2001 by default**, PDF/X-4 on request:

- What newspaper plants accept: ad-delivery specifications and the RIPs at
  newspaper print sites have asked for PDF/X-1a for twenty years; PDF/X-4 is
  accepted by newer workflows but not everywhere.
- What we gain from X-4 is nothing we use: live transparency, ICC-based and
  RGB colour, layers. Our pages are DeviceCMYK with no transparency, so they
  already meet X-1a's stricter content rules, and every X-1a file is also
  simple for a X-4 workflow to print.
- X-1a:2001 wants PDF 1.3, so that flavour is saved with a ``%PDF-1.3``
  header and no object streams; what reportlab writes for us uses nothing
  newer. Choose ``PDFX_4`` (header 1.6) once a page needs transparency.

This module sets only the formal entries; whether the page content meets the
rules (CMYK only, fonts embedded, boxes) is ``layout.preflight``'s job.
TrimBox and BleedBox are left as the renderer wrote them. There is no PDF/X
validator on this machine (stack notes §6); the print shop's preflight is the
acceptance test.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape

import pikepdf

from layout.errors import BanmianError
from layout.icc import ICC_REGISTRY, KNOWN_CONDITIONS, OutputCondition, default_cmyk_profile, icc_description
from layout.icc import output_condition as output_condition

__all__ = ["ICC_REGISTRY", "KNOWN_CONDITIONS", "OutputCondition", "icc_description"]

PDFX_1A = "PDF/X-1a:2001"
PDFX_4 = "PDF/X-4"
#: Date used when neither the caller nor the PDF gives one (reportlab's ``invariant`` date).
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)
#: The zone of an edition's date: China Standard Time (a daily's date is its local date).
EDITION_ZONE = timezone(timedelta(hours=8))
_ICC_HEADER = 128


class PdfxError(BanmianError):
    """The PDF/X step cannot run: unreadable PDF or unusable profile."""


@dataclass(frozen=True)
class Flavour:
    """What one PDF/X version writes: Info version keys, XMP keys and the PDF header."""

    name: str
    info_version: str  # Info /GTS_PDFXVersion
    conformance: str | None  # Info /GTS_PDFXConformance (X-1a:2001 only)
    pdf_version: str


FLAVOURS = {
    PDFX_1A: Flavour(PDFX_1A, "PDF/X-1:2001", "PDF/X-1a:2001", "1.3"),  # ISO 15930-1:2001
    PDFX_4: Flavour(PDFX_4, "PDF/X-4", None, "1.6"),  # ISO 15930-7:2010
}


# ---------------------------------------------------------------- the ICC profile


def read_cmyk_profile(path: Path | str) -> bytes:
    """The bytes of a CMYK output ICC profile; ``PdfxError`` if it is not one."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PdfxError(f"{path}: cannot read the ICC profile ({exc.strerror})") from None
    if len(data) < _ICC_HEADER or data[36:40] != b"acsp":
        raise PdfxError(f"{path}: not an ICC profile")
    if data[16:20] != b"CMYK" or data[12:16] != b"prtr":
        raise PdfxError(f"{path}: PDF/X needs a CMYK output (prtr) profile, this one is "
                        f"{data[16:20].decode('latin-1').strip()} {data[12:16].decode('latin-1')}")
    return data


# ---------------------------------------------------------------- dates and XMP


def pdf_date(when: datetime) -> str:
    """A PDF date string: ``D:20260120000000+00'00'``."""
    offset = when.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "-" if minutes < 0 else "+"
    return f"D:{when:%Y%m%d%H%M%S}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def xmp_date(when: datetime) -> str:
    """An XMP date: ``2026-01-20T00:00:00+00:00``."""
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).isoformat(timespec="seconds")


def edition_date(text: str) -> datetime | None:
    """Midnight of an edition's ``YYYY-MM-DD`` date in China Standard Time, or ``None``.

    >>> edition_date("2026-01-20").isoformat()
    '2026-01-20T00:00:00+08:00'
    """
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", text or "")
    if not match:
        return None
    try:
        return datetime(int(match.group(1)), int(match.group(2)), int(match.group(3)), tzinfo=EDITION_ZONE)
    except ValueError:
        return None


def parse_pdf_date(text: str) -> datetime | None:
    """A datetime from a PDF date string, or ``None``.

    >>> parse_pdf_date("D:20000101000000+00'00'")
    datetime.datetime(2000, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)
    """
    match = re.match(r"D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?(?:([+-])(\d\d)'?(\d\d)?'?|Z)?", text)
    if not match:
        return None
    year, *rest = match.groups()[:6]
    month, day, hour, minute, second = (int(v) if v else d for v, d in zip(rest, (1, 1, 0, 0, 0)))
    minutes = int(match.group(8) or 0) * 60 + int(match.group(9) or 0)
    sign = -1 if match.group(7) == "-" else 1
    zone = UTC if minutes == 0 else timezone(sign * timedelta(minutes=minutes))
    try:
        return datetime(int(year), month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None


def _xmp(flavour: Flavour, title: str, author: str, creator: str, producer: str, when: datetime,
         document_id: str) -> bytes:
    """The XMP packet: Dublin Core, dates, tools, trapping and the PDF/X version keys."""
    date = xmp_date(when)
    lines = [
        f"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{escape(title)}</rdf:li></rdf:Alt></dc:title>",
        "<dc:format>application/pdf</dc:format>",
        f"<xmp:CreateDate>{date}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{date}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{date}</xmp:MetadataDate>",
        f"<xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>",
        f"<pdf:Producer>{escape(producer)}</pdf:Producer>",
        "<pdf:Trapped>False</pdf:Trapped>",
        f"<xmpMM:DocumentID>{document_id}</xmpMM:DocumentID>",
        f"<xmpMM:InstanceID>{document_id}</xmpMM:InstanceID>",
        "<xmpMM:VersionID>1</xmpMM:VersionID>",
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
        f"<pdfxid:GTS_PDFXVersion>{flavour.info_version}</pdfxid:GTS_PDFXVersion>",
    ]
    if author:
        lines.insert(1, f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>")
    if flavour.conformance:
        lines += [f"<pdfx:GTS_PDFXVersion>{flavour.info_version}</pdfx:GTS_PDFXVersion>",
                  f"<pdfx:GTS_PDFXConformance>{flavour.conformance}</pdfx:GTS_PDFXConformance>"]
    body = "\n   ".join(lines)
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   {body}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


# ---------------------------------------------------------------- the step


def _info_text(info: pikepdf.Dictionary | pikepdf.Object, key: str) -> str:
    """An Info entry as text, ``""`` if absent."""
    value = info.get(key)
    return str(value) if value is not None else ""


def _output_intent(pdf: pikepdf.Pdf, profile: bytes, condition: OutputCondition) -> pikepdf.Dictionary:
    """The /OutputIntent dictionary with the embedded profile."""
    stream = pdf.make_stream(profile)
    stream.N = 4
    return pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
                              OutputConditionIdentifier=condition.identifier, RegistryName=condition.registry,
                              Info=condition.info, DestOutputProfile=stream)


def _set_info(pdf: pikepdf.Pdf, flavour: Flavour, title: str, when: datetime) -> pikepdf.Dictionary:
    """Info with the PDF/X keys, Title, fixed dates and /Trapped /False."""
    info = pdf.docinfo
    info.Title = title
    info.CreationDate = info.ModDate = pdf_date(when)
    if not _info_text(info, "/Creator"):
        info.Creator = "Banmian"
    info.Producer = "Banmian PDF/X step (pikepdf)"
    info.Trapped = pikepdf.Name("/False")
    info.GTS_PDFXVersion = flavour.info_version
    if flavour.conformance:
        info.GTS_PDFXConformance = flavour.conformance
    elif "/GTS_PDFXConformance" in info:
        del info["/GTS_PDFXConformance"]
    return info


def _default_boxes(pdf: pikepdf.Pdf) -> None:
    """A page without a TrimBox is trim-size (``--marks none``): TrimBox = BleedBox = MediaBox."""
    for page in pdf.pages:
        if "/TrimBox" not in page.obj and "/ArtBox" not in page.obj:
            page.obj.TrimBox = page.obj.get("/CropBox", page.mediabox)
            page.obj.BleedBox = page.obj.TrimBox


def to_pdfx(pdf_bytes: bytes, profile: Path | str | None = None, *, version: str = PDFX_1A,
            title: str | None = None, created: datetime | None = None,
            condition: OutputCondition | None = None) -> bytes:
    """PDF bytes made into ``version`` (``PDFX_1A`` or ``PDFX_4``) with the CMYK ``profile``.

    ``profile`` defaults to ``layout.icc.default_cmyk_profile()``.
    ``title`` defaults to the PDF's Title; ``created`` to its CreationDate
    (else ``FIXED_DATE``); CreationDate, ModDate and the XMP dates are all set
    to it, so the output depends on the inputs only (the hand-off passes the
    edition's date, ``edition_date``). The trailer's permanent /ID is a hash of the
    input and profile, and the XMP DocumentID is the same number as a UUID. Pages
    without a TrimBox get one equal to the MediaBox (a trim-size page). ``condition``
    defaults to ``output_condition(profile)``. Raises ``PdfxError``.
    """
    if version not in FLAVOURS:
        raise PdfxError(f"unknown PDF/X version {version!r}: use {PDFX_1A!r} or {PDFX_4!r}")
    flavour = FLAVOURS[version]
    icc = read_cmyk_profile(profile if profile is not None else default_cmyk_profile())
    condition = condition or output_condition(icc)
    try:
        source = pikepdf.open(io.BytesIO(pdf_bytes))
    except pikepdf.PdfError as exc:
        raise PdfxError(f"not a readable PDF ({exc})") from None
    with source as pdf:
        info = pdf.docinfo
        title = title or _info_text(info, "/Title") or "Banmian page"
        when = created or parse_pdf_date(_info_text(info, "/CreationDate")) or FIXED_DATE
        info = _set_info(pdf, flavour, title, when)
        pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf, icc, condition)])
        _default_boxes(pdf)
        permanent = hashlib.sha256(pdf_bytes + icc).digest()[:16]
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(permanent), pikepdf.String(permanent)])
        document_id = f"uuid:{uuid.UUID(bytes=permanent)}"  # = the trailer's permanent /ID
        xmp = _xmp(flavour, title, _info_text(info, "/Author"), _info_text(info, "/Creator"),
                   _info_text(info, "/Producer"), when, document_id)
        pdf.Root.Metadata = pdf.make_stream(xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
        out = io.BytesIO()
        streams = pikepdf.ObjectStreamMode.disable if flavour.pdf_version < "1.5" else pikepdf.ObjectStreamMode.preserve
        pdf.save(out, deterministic_id=True, force_version=flavour.pdf_version, fix_metadata_version=False,
                 object_stream_mode=streams)
    return out.getvalue()


# ---------------------------------------------------------------- verification


def _check_intent(pdf: pikepdf.Pdf) -> list[str]:
    """Problems with the GTS_PDFX output intent."""
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == pikepdf.Name.GTS_PDFX]
    if len(intents) != 1:
        return [f"expected one /GTS_PDFX output intent, found {len(intents)}"]
    intent, problems = intents[0], []
    if not _info_text(intent, "/OutputConditionIdentifier"):
        problems.append("output intent without /OutputConditionIdentifier")
    profile = intent.get("/DestOutputProfile")
    if profile is None:
        if not _info_text(intent, "/RegistryName"):
            problems.append("output intent without /DestOutputProfile or /RegistryName")
        return problems
    if int(profile.get("/N", 0)) != 4:
        problems.append(f"DestOutputProfile /N is {profile.get('/N')}, not 4")
    header = profile.read_bytes()[:_ICC_HEADER]
    if header[16:20] != b"CMYK" or header[12:16] != b"prtr":
        problems.append("DestOutputProfile is not a CMYK output (prtr) ICC profile")
    return problems


def _check_document_id(xmp: str, permanent: bytes) -> list[str]:
    """The XMP DocumentID, when it is a UUID, must be the trailer's permanent /ID."""
    match = re.search(r"xmpMM:DocumentID(?:>|=\")(?:uuid:)?([0-9a-fA-F-]{32,36})", xmp)
    if not match or len(permanent) != 16:
        return []
    if match.group(1).replace("-", "").lower() != permanent.hex():
        return [f"XMP DocumentID {match.group(1)} is not the trailer /ID {permanent.hex()}"]
    return []


def _check_info(pdf: pikepdf.Pdf) -> tuple[list[str], str]:
    """Problems with the Info keys and XMP, and the version claimed."""
    info, problems = pdf.docinfo, []
    version = _info_text(info, "/GTS_PDFXVersion")
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8", "replace") if "/Metadata" in pdf.Root else ""
    match = re.search(r"pdfxid:GTS_PDFXVersion(?:>|=\")([^<\"]+)", xmp)
    version = version or (match.group(1) if match else "")
    if not version:
        problems.append("no GTS_PDFXVersion (Info or XMP pdfxid)")
    if version.startswith("PDF/X-4") and not match:
        problems.append("PDF/X-4 without XMP pdfxid:GTS_PDFXVersion")
    if info.get("/Trapped") not in (pikepdf.Name("/True"), pikepdf.Name("/False")):
        problems.append("Info /Trapped is not /True or /False")
    problems += [f"Info /{key} missing" for key in ("Title", "CreationDate", "ModDate")
                 if not _info_text(info, f"/{key}")]
    if "/ID" not in pdf.trailer:
        problems.append("no document /ID in the trailer")
    else:
        problems += _check_document_id(xmp, bytes(pdf.trailer.ID[0]))
    if version == "PDF/X-1:2001" and pdf.pdf_version > "1.3":
        problems.append(f"PDF/X-1a:2001 needs PDF 1.3, the header says {pdf.pdf_version}")
    return problems, version


def verify_pdfx(pdf: bytes | Path | str, require_trim: bool = False) -> list[str]:
    """The formal PDF/X problems of a PDF: ``[]`` when the output intent (one
    GTS_PDFX, an embedded CMYK profile with /N 4), the version keys, /Trapped,
    Title, dates and /ID are all there. ``require_trim``: also every page needs a
    TrimBox or ArtBox (the renderer does not write them yet)."""
    try:
        opened = pikepdf.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    except (pikepdf.PdfError, OSError) as exc:
        return [f"not a readable PDF ({exc})"]
    with opened as doc:
        problems = _check_intent(doc) + _check_info(doc)[0]
        if require_trim:
            problems += [f"page {n}: no TrimBox or ArtBox" for n, page in enumerate(doc.pages, 1)
                         if "/TrimBox" not in page.obj and "/ArtBox" not in page.obj]
    return problems
