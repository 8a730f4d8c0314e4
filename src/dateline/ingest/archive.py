"""Zip archives read member by member, each within a size limit, never whole into memory.

A member is checked before it is opened (encryption, a compression method Python cannot
decompress) and read in chunks up to its limit: one article's limit for text and HTML, a larger
one for JSON Lines and CSV, which hold many. Its header's sizes are not trusted (a zip bomb can
lie about them); what it actually decompresses to counts, as its CRC-32 does, checked by the
zip module once the member is read through. A nested zip is read as a directory is.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import IO, Any

from dateline.errors import InputError
from dateline.ingest.guard import failure_from

CHUNK = 1 << 20
MAX_NESTING = 3
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}

ReadMember = Callable[[bytes, str, str], Iterator[Any]]
"""Reads one member's bytes (data, origin, suffix) into results."""


def read_archive(
    source: str | IO[bytes],
    origin: str,
    readable: set[str],
    limit_of: Callable[[str], int],
    read_member: ReadMember,
    depth: int = 0,
) -> Iterator[Any]:
    """The results of every readable member; an empty archive is one failure."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raise InputError(origin, f"not a readable zip archive ({err})") from err
    found = False
    with archive:
        for info in archive.infolist():
            member = info.filename
            suffix = PurePosixPath(member).suffix.lower()
            if info.is_dir() or "__MACOSX" in member or suffix not in readable:
                continue
            found = True
            where = f"{origin}!{member}"
            try:
                data = read_member_bytes(archive, info, where, limit_of(suffix))
            except Exception as err:  # one bad member is one failure; the others are read
                yield failure_from(where, err)
                continue
            if suffix == ".zip":
                if depth + 1 >= MAX_NESTING:
                    yield failure_from(where, InputError(where, "zip nested too deeply"))
                    continue
                yield from read_archive(
                    io.BytesIO(data), where, readable, limit_of, read_member, depth + 1
                )
            else:
                yield from read_member(data, where, suffix)
    if not found:
        raise InputError(origin, f"no articles in {origin} (no member Dateline reads)")


def read_member_bytes(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, origin: str, limit: int
) -> bytes:
    """A member's bytes, read in chunks and refused past ``limit`` whatever its header says."""
    if info.flag_bits & 0x1:
        raise InputError(origin, "encrypted archive member (Dateline reads unencrypted ones)")
    if info.compress_type not in _METHODS:
        raise InputError(
            origin, f"unsupported compression method {info.compress_type} (deflate64, AES...)"
        )
    if info.file_size > limit:
        raise InputError(origin, _too_large(info.file_size, limit))
    out = bytearray()
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            out += chunk
            if len(out) > limit:
                raise InputError(origin, _too_large(len(out), limit, lied=True))
    return bytes(out)


def _too_large(size: int, limit: int, lied: bool = False) -> str:
    how = "decompresses to more than" if lied else "is"
    return (
        f"archive member {how} {size / 1e6:.1f} MB, over the limit of {limit / 1e6:.1f} MB "
        "(set by DATELINE_MAX_CHARS; a zip bomb?)"
    )
