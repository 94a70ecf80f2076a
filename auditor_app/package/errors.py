"""The two ways a package operation fails: a package that cannot be trusted, an audit that cannot be exported."""

from __future__ import annotations

from auditor_app.errors import UserFacingError


class PackageError(UserFacingError):
    """The `.escp` file is refused. `problems` lists every reason found; nothing was imported."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = list(problems)
        listed = "; ".join(self.problems)
        super().__init__(f"{source}: {listed}")


class ExportError(UserFacingError):
    """The audit cannot be written as a package as it is; no file was written."""
