"""The false claims API (issue 5)."""

from ninja import Router

router = Router(tags=["false claims"])
