"""Article files made for the tests: a text PDF and a Windows-1252 text file."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

PDF_LINES = [
    "Japan and the Philippines begin talks on a reciprocal access agreement",
    "",
    "Manila, 17 November 2022",
    "",
    "Japan and the Philippines agreed on Thursday to begin talks on a reciprocal",
    "access agreement that would let their forces train in each other's territory.",
    "",
    "The announcement followed a meeting of the two countries' defence ministers",
    "in Tokyo, where they also discussed coast guard cooperation in the South China Sea.",
]


def text_pdf(lines: list[str] = PDF_LINES) -> bytes:
    """A one-page PDF with a real text layer (Helvetica, one line per Tj)."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


CP1252_TEXT = (
    "Turkey and Greece agree to reopen talks on the Aegean\n"
    "\n"
    "Ankara, 5 March 2021\n"
    "\n"
    "Turkey and Greece agreed on Friday to resume the exploratory talks on their "
    "maritime disputes in the Aegean, the foreign ministry said – the 62nd round since 2002.\n"
    "\n"
    "Officials described the atmosphere as “positive” and said the next round would be "
    "held in Athens; the café talk of a breakthrough was premature, one diplomat said.\n"
)
