"""Old Word (.doc) and OpenDocument (.odt) files: converted to .docx by LibreOffice.

Only LibreOffice reads both faithfully, so it is run headless in a temporary folder (with its
own profile, so that a running LibreOffice of the user is not disturbed) and the result goes
through the .docx importer. Without `soffice` on PATH the error names the package to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from sitegen.importers.docx import docx_text

PACKAGE = "libreoffice-writer"
TIMEOUT = 180  # seconds; a first start of LibreOffice builds its profile


class OfficeError(ValueError):
    """LibreOffice is missing or could not convert the file."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_text(path: Path) -> str:
    program = soffice()
    if program is None:
        raise OfficeError(
            f"reading {path.suffix} files needs LibreOffice: install the Debian package "
            f"'{PACKAGE}' (apt-get install {PACKAGE}), or save the file as .docx"
        )
    with tempfile.TemporaryDirectory(prefix="sitegen-import-") as folder:
        profile = Path(folder, "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            folder,
            str(path.resolve()),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OfficeError(f"LibreOffice could not convert the file ({exc})") from exc
        converted = Path(folder, path.stem + ".docx")
        if not converted.is_file():
            raise OfficeError("LibreOffice could not convert the file (is it damaged?)")
        return docx_text(converted.read_bytes())
