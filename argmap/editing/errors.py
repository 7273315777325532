"""The three ways an editing session says no, each with a message meant for the user."""

from __future__ import annotations

from argmap.diagnostics import Diagnostic


class EditError(Exception):
    """An edit that cannot be made as asked (unknown claim, invalid value, duplicate link…).

    The message is user-facing: the UI shows it as is.  Nothing has changed when it is raised.
    """


class MapUnreadable(Exception):
    """The file is not a YAML mapping we can edit: the same located errors `argmap check` prints."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        first = diagnostics[0].format() if diagnostics else "the map cannot be read"
        super().__init__(first)


class ChangedOnDisk(Exception):
    """A save was refused because someone else changed the file since we read or wrote it."""

    def __init__(self, path: object):
        self.path = path
        super().__init__(f"{path} changed on disk since it was loaded: reload it, or save with force")
