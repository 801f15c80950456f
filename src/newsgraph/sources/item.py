"""What a source yields: a readable `Page`, or a `BadItem` that failed before extraction."""

from __future__ import annotations

from dataclasses import dataclass

from ..article import Origin, Page
from ..errors import NewsgraphError


@dataclass
class BadItem:
    origin: Origin
    error: NewsgraphError


Item = Page | BadItem
