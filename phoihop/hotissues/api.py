"""The hot issues API (issue 5)."""

from ninja import Router

router = Router(tags=["hot issues"])
