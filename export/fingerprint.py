"""Incremental export: a fingerprint of everything an output depends on, kept beside the output."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from journal.files import write_atomic

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "journal"
# Bump when the code changes what an export looks like, so old outputs are redone.
FORMAT_VERSION = "3"


def digest(*parts) -> str:
    """SHA-256 of the parts (bytes, or anything JSON can write)."""
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, default=str).encode()
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def template_digest() -> str:
    files = sorted(p for p in TEMPLATE_DIR.rglob("*") if p.is_file())
    return digest(FORMAT_VERSION, *[p.name.encode() + b"\0" + p.read_bytes() for p in files])


def sidecar(output: Path) -> Path:
    return output.with_name(f".{output.name}.fingerprint")


def is_current(output: Path, fingerprint: str) -> bool:
    """True when `output` exists and was made from inputs with this fingerprint."""
    try:
        return output.is_file() and sidecar(output).read_text(encoding="utf-8").strip() == fingerprint
    except OSError:
        return False


def record(output: Path, fingerprint: str) -> None:
    sidecar(output).write_text(fingerprint + "\n", encoding="utf-8")


class CommentDigests:
    """The digest of each entry's approved thread, recomputed only when the comment log has changed.

    The log is append-only, so its size and modification time say whether anything changed; the cache
    lives in the export folder next to the outputs.
    """

    def __init__(self, journal, folder: Path):
        self.journal, self.cache_path = journal, Path(folder) / ".comments.fingerprint.json"
        self._digests: dict | None = None

    def __call__(self, entry_id: str) -> str:
        if self._digests is None:
            self._digests = self._load()
        return self._digests.get(entry_id, "")

    def _load(self) -> dict:
        store = self.journal.comments
        if store is None:
            return {}
        # The store's stamp names its log too: a class export writes every journal's outputs (and this cache)
        # to one folder. A store that cannot tell cheaply (None) is read every time.
        stamp = store.stamp()
        stamp = None if stamp is None else list(stamp)
        try:
            cached = json.loads(self.cache_path.read_text(encoding="utf-8"))
            if stamp is not None and cached.get("stamp") == stamp:
                return cached["digests"]
        except (OSError, ValueError, KeyError, AttributeError):
            pass
        frame = store.frame(status="approved")
        digests = {}
        for entry_id, rows in frame.groupby("entry_id", sort=False):
            digests[str(entry_id)] = digest(rows.to_csv(index=False))
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.cache_path, json.dumps({"stamp": stamp, "digests": digests}))
        return digests
