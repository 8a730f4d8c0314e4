"""``dateline serve``: the app under uvicorn, one process, on loopback by default."""

from __future__ import annotations

import uvicorn

from dateline.web.app import create_app
from dateline.web.context import WebConfig


def serve(config: WebConfig, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``config.db`` until interrupted (read-only unless ``config.write_token``)."""
    app = create_app(config)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                limit_concurrency=1000, timeout_keep_alive=5)  # fmt: skip
