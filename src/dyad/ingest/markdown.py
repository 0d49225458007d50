"""Markdown with optional YAML front matter to plain text and metadata."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from dyad.ingest.meta import Meta, meta_from_mapping
from dyad.ingest.structured import StructureError, load_yaml
from dyad.settings import Settings

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_BLOCK_ENDS = {"paragraph_close", "heading_close", "list_item_close", "blockquote_close", "th_close", "td_close"}


class FrontMatterError(ValueError):
    """The YAML front matter does not parse."""


def split_front_matter(
    text: str, settings: Settings | None = None, notes: list[str] | None = None
) -> tuple[Meta, str]:
    """(metadata from a leading `---` YAML block, the rest of the text); bounded in size and depth."""
    limits = settings or Settings()
    match = _FRONT.match(text) if text.startswith("---") else None
    if not match:
        return Meta(), text
    block = match.group(1) or ""
    if len(block.encode("utf-8", "surrogatepass")) > limits.max_front_matter_bytes:
        raise FrontMatterError(f"YAML front matter larger than {limits.max_front_matter_bytes} bytes")
    try:
        data = load_yaml(block, limits.max_nesting)
    except StructureError as exc:
        raise FrontMatterError(f"bad YAML front matter ({exc})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise FrontMatterError(f"bad YAML front matter{where}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("YAML front matter is not a mapping of fields")
    return meta_from_mapping(data, notes), text[match.end() :]


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


def read_markdown(
    text: str, settings: Settings | None = None, notes: list[str] | None = None
) -> tuple[str, Meta]:
    """Front matter and body: the plain text and what the file says about itself."""
    meta, body = split_front_matter(text, settings, notes)
    plain, h1 = markdown_text(body)
    if meta.title is None and h1:
        meta = Meta(title=h1).over(meta)
    return plain, meta
