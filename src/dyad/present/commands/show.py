"""`dyad show DOC`: a document in the terminal with its actors, triggers, quotes and figures highlighted."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import click

from dyad.present.cli import App, pass_app

if TYPE_CHECKING:
    from rich.text import Text

    from dyad.api.view import DocView

STYLES = {"actor": "bold cyan", "quote": "italic green", "figure": "bold magenta", "trigger": "black on yellow"}
LEGEND = {"actor": "actor", "trigger": "event trigger", "quote": "quotation", "figure": "figure"}
# Control characters other than tab and newline (terminal escape sequences start with one), C1 controls included.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """`text` with every control character shown as U+FFFD, one for one, so offsets still point at the same
    characters and nothing in a document can move the cursor, change colours or retitle the terminal."""
    return CONTROLS.sub("\ufffd", text)


def highlighted(view: DocView, kinds: tuple[str, ...]) -> Text:
    """The document's text as rich Text (never parsed as markup) with the spans of `kinds` styled."""
    from rich.text import Text

    text = Text(terminal_safe(view.document.text))
    for kind in ("quote", "actor", "figure", "trigger"):  # later styles win where spans overlap
        if kind in kinds:
            for span in view.of(kind):
                text.stylize(STYLES[kind], span.start, span.end)
    return text


def header(view: DocView) -> Text:
    from rich.text import Text

    d = view.document
    head = Text()
    head.append(terminal_safe(d.title or d.ref or d.id) + "\n", style="bold")
    facts = [("own id", d.ref), ("id", d.id), ("published", d.published.isoformat() if d.published else None),
             ("outlet", d.outlet), ("author", d.author), ("section", d.section),
             ("keywords", ", ".join(d.keywords) if d.keywords else None), ("url", d.url)]
    for name, value in facts:
        if value:
            head.append(f"{name}: ", style="dim")
            head.append(terminal_safe(str(value)) + "\n")
    return head


def legend(view: DocView, kinds: tuple[str, ...]) -> Text:
    from rich.text import Text

    line = Text("legend: ", style="dim")
    for kind in kinds:
        line.append(f" {LEGEND[kind]} ", style=STYLES[kind])
        line.append(f" {len(view.of(kind))}  ")
    return line


@click.command("show")
@click.argument("doc")
@click.option("--only", "kinds", multiple=True, type=click.Choice(list(STYLES)),
              help="Highlight only this kind of span (repeatable).")
@click.option("--spans", "list_spans", is_flag=True, help="Also list every highlighted span with what it is.")
@pass_app
def show_cmd(app: App, doc: str, kinds: tuple[str, ...], list_spans: bool) -> None:
    """Show document DOC (its own id, id, id prefix, file name or title) with its actors, event
    triggers, quotations and figures highlighted, under its metadata and a legend.

    Control characters and escape sequences in the text are shown as U+FFFD and
    the text is never read as rich markup, so a document cannot change the terminal.
    """
    from rich.console import Console

    view = app.db(read_only=True).show(doc)
    chosen = kinds or tuple(STYLES)
    console = Console(highlight=False, soft_wrap=False)
    console.print(header(view))
    console.print(legend(view, chosen))
    console.print()
    console.print(highlighted(view, chosen))
    if list_spans:
        from rich.table import Table
        from rich.text import Text

        table = Table(title="spans")
        for column in ("kind", "start", "end", "words", "what"):
            table.add_column(column, overflow="fold")
        for span in view.spans:
            if span.kind in chosen:
                words = terminal_safe(view.document.text[span.start:span.end])
                table.add_row(span.kind, str(span.start), str(span.end), Text(words), Text(terminal_safe(span.label)))
        console.print(table)


COMMANDS = [show_cmd]
