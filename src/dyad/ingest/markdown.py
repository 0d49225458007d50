"""Markdown with optional YAML front matter to plain text and metadata."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from dyad.ingest.meta import Meta, meta_from_mapping

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_BLOCK_ENDS = {"paragraph_close", "heading_close", "list_item_close", "blockquote_close", "th_close", "td_close"}


class FrontMatterError(ValueError):
    """The YAML front matter does not parse."""


def split_front_matter(text: str) -> tuple[Meta, str]:
    """(metadata from a leading `---` YAML block, the rest of the text)."""
    match = _FRONT.match(text)
    if not match:
        return Meta(), text
    try:
        data = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise FrontMatterError(f"bad YAML front matter{where}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("YAML front matter is not a mapping of fields")
    return meta_from_mapping(data), text[match.end() :]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        # images (their alt text is a caption), raw HTML and link markers carry no article text
    return "".join(parts)


def markdown_text(body: str) -> tuple[str, str | None]:
    """(plain text, one block per line; the text of the first level-1 heading, if any)."""
    blocks: list[str] = []
    current: list[str] = []
    title: str | None = None
    in_h1 = False
    for token in _parser().parse(body):
        if token.type == "heading_open":
            in_h1 = token.tag == "h1"
        elif token.type == "inline":
            text = _inline_text(token)
            current.append(text)
            if in_h1 and title is None and text.strip():
                title = text.strip()
        elif token.type in _BLOCK_ENDS:
            in_h1 = False
            if current:
                blocks.append(" ".join(part.strip() for part in current if part.strip()))
                current = []
    if current:
        blocks.append(" ".join(current))
    return "\n\n".join(b for b in blocks if b), title


def read_markdown(text: str) -> tuple[str, Meta]:
    """Front matter and body: the plain text and what the file says about itself."""
    meta, body = split_front_matter(text)
    plain, h1 = markdown_text(body)
    if meta.title is None and h1:
        meta = Meta(title=h1).over(meta)
    return plain, meta
