"""The PDF of a report: its DOCX converted by LibreOffice headless (one layout, one source).

Each conversion runs in a private temporary folder with its own LibreOffice profile
(`-env:UserInstallation`), so two conversions at once neither share a profile lock nor
overwrite each other's output (LibreOffice names the output after the input: a.docx and
a.xlsx converted into one folder both become a.pdf). A missing `soffice`, a timeout or a
failed conversion raises `PdfUnavailable` with a Vietnamese message the generation job
records and the report page shows.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 120
INSTALL_HINT = "sudo apt-get install -y libreoffice-writer-nogui"


class PdfUnavailable(Exception):
    """The PDF could not be made; the message says why, in Vietnamese."""


def soffice_path() -> str | None:
    """LibreOffice's command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing_message() -> str:
    return _(
        "Máy chủ chưa cài LibreOffice nên chưa tạo được PDF; hãy tải tệp DOCX, hoặc đề nghị quản trị viên "
        "cài bằng lệnh: %(command)s"
    ) % {"command": INSTALL_HINT}


def docx_to_pdf(docx: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable(missing_message())
    with tempfile.TemporaryDirectory(prefix="phoihop-pdf-") as folder:
        root = Path(folder)
        source, out, profile = root / "in", root / "out", root / "profile"
        for path in (source, out, profile):
            path.mkdir()
        document = source / "report.docx"
        document.write_bytes(docx)
        command = [
            soffice,
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(document),
        ]
        env = {**os.environ, "HOME": str(profile)}
        # its own process group, so a timeout stops LibreOffice's child processes too
        process = subprocess.Popen(  # noqa: S603 (a fixed command, no shell)
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfUnavailable(
                _("LibreOffice không chuyển xong văn bản sang PDF trong %(seconds)s giây; vui lòng thử lại sau.")
                % {"seconds": timeout}
            ) from error
        result = out / "report.pdf"
        if process.returncode != 0 or not result.exists():
            detail = (stderr or stdout or b"").decode("utf-8", "replace").strip()[:300]
            raise PdfUnavailable(
                _("LibreOffice không chuyển được văn bản sang PDF (mã lỗi %(code)s). %(detail)s")
                % {"code": process.returncode, "detail": detail}
            )
        return result.read_bytes()
