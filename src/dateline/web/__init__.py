"""Dateline on the web: an ASGI app (FastAPI) thin over ``dateline.query`` and the read-side
modules; every page is also JSON. The only package that imports the web framework."""

from dateline.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
