"""Run the web app with uvicorn on one host and port (127.0.0.1 unless told otherwise)."""

from __future__ import annotations

from dyad.settings import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def serve(settings: Settings, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, log_level: str = "warning") -> None:
    """Serve the store of `settings` until interrupted; every request opens it read-only and closes it."""
    import uvicorn

    from dyad.present.web.app import create_app

    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, access_log=False)
