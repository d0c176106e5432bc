"""The press API (issue 5)."""

from ninja import Router

router = Router(tags=["press"])
