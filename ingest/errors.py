"""The one exception a file-level problem raises: it names the file and the rule."""

from __future__ import annotations


class FileRejected(Exception):
    """The whole file cannot be loaded: nothing from it reaches the raw layer."""

    def __init__(self, rule: str, detail: str, file_name: str = ""):
        self.rule = rule
        self.detail = detail
        self.file_name = file_name
        super().__init__(f"{file_name or '<file>'}: {rule}: {detail}")

    def for_file(self, file_name: str) -> FileRejected:
        return FileRejected(self.rule, self.detail, file_name)
