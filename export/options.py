"""What a user can choose about an export, with the journal's `[export]` settings as defaults."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from journal.settings import ExportSettings

FORMATS = ("html", "pdf")
_SETTINGS = ExportSettings()  # the `[export]` defaults: one list, in journal.settings


@dataclass(frozen=True)
class ExportOptions:
    """Options shared by entry, portfolio and class exports."""

    to: tuple = FORMATS
    show_code: bool = _SETTINGS.show_code
    comments: bool = _SETTINGS.comments
    paper: str = _SETTINGS.paper
    strict: bool = False
    drafts: bool = False

    @classmethod
    def for_journal(cls, journal, **chosen) -> "ExportOptions":
        """Options for `journal`: what was chosen (None means not chosen), else its settings."""
        base = {f.name: getattr(journal.settings.export, f.name) for f in fields(ExportSettings)}
        base.update({k: v for k, v in chosen.items() if v is not None})
        return cls(**base)

    def exporter_config(self) -> dict:
        """Trait values for JournalHTMLExporter / JournalPDFExporter."""
        return {"show_code": self.show_code, "comments": self.comments, "paper": self.paper,
                "strict": self.strict}

    def key(self) -> dict:
        return asdict(self)


def formats(to: str) -> tuple:
    """'html', 'pdf' or 'both' as a tuple of formats."""
    return FORMATS if to == "both" else (to,)
