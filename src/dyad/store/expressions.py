"""SQL expressions over `events e JOIN documents d` that several store modules share (no imports, so the
store's writer can use them too)."""

from __future__ import annotations

# The day an event is placed on, for SQL over `events e JOIN documents d`: the rule of
# dyad.stored.event_date (its own day, else the publication day when that falls in its
# month or year, else the first day of its month or year, else the publication day).
EVENT_DATE_SQL = """CASE
    WHEN e."when" IS NULL THEN d.published
    WHEN length(e."when") = 10 THEN coalesce(try_cast(e."when" AS DATE), d.published)
    WHEN starts_with(CAST(d.published AS VARCHAR), e."when") THEN d.published
    WHEN length(e."when") = 7 THEN coalesce(try_cast(e."when" || '-01' AS DATE), d.published)
    WHEN length(e."when") = 4 THEN coalesce(try_cast(e."when" || '-01-01' AS DATE), d.published)
    ELSE d.published END"""

# A document's outlet, as dyad.fuse.sources.outlet_of reads it: its metadata, else its URL's host, never a
# title or a file name; "(unknown outlet)" without either.
OUTLET_SQL = (
    "coalesce(nullif(trim(d.outlet), ''), nullif(regexp_extract(lower(d.url), "
    "'^[a-z]+://(?:www2?\\.|m\\.|mobile\\.|amp\\.)?([^/:?#]+)', 1), ''), '(unknown outlet)')"
)

# The first and last day an event's own time covers (a day, month or year), else its document's day.
EVENT_FIRST_DAY = """CASE WHEN e."when" IS NULL THEN d.published
    WHEN length(e."when") = 4 THEN try_cast(e."when" || '-01-01' AS DATE)
    WHEN length(e."when") = 7 THEN try_cast(e."when" || '-01' AS DATE)
    ELSE try_cast(e."when" AS DATE) END"""
# a period's last day is that of its end (`when_until`)
EVENT_LAST_DAY = """CASE WHEN e."when" IS NULL THEN d.published
    WHEN length(coalesce(e.when_until, e."when")) = 4 THEN try_cast(coalesce(e.when_until, e."when") || '-12-31' AS DATE)
    WHEN length(coalesce(e.when_until, e."when")) = 7
        THEN last_day(try_cast(coalesce(e.when_until, e."when") || '-01' AS DATE))
    ELSE try_cast(coalesce(e.when_until, e."when") AS DATE) END"""
