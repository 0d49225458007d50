"""`dyad serve`: the local web app over the store."""

from __future__ import annotations

import click

from dyad.errors import NO_STORE
from dyad.present.cli import App, pass_app
from dyad.present.web.serve import DEFAULT_HOST, DEFAULT_PORT, serve


@click.command("serve")
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on; the default answers this machine only.")
@click.option("--port", type=int, default=DEFAULT_PORT, show_default=True, help="Port to listen on.")
@pass_app
def serve_cmd(app: App, host: str, port: int) -> None:
    """Browse the store in a web browser: overview, dyads, actors, events, stories, documents, network, search.

    Every page has a JSON twin (add .json to its path) and every table a CSV
    download (.csv); the API is documented at /-/docs. Each request opens the
    store read-only and closes it, so `dyad ingest` can write to the same store
    while the server runs.
    """
    if not app.settings.db.exists():
        raise NO_STORE(path=app.settings.db)
    if not app.quiet:
        click.echo(f"dyad: serving {app.settings.db} on http://{host}:{port}/ (Ctrl+C stops)", err=True)
    serve(app.settings, host, port)


COMMANDS = [serve_cmd]
