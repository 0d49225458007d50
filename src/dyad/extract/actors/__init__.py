"""The `actors` component: states, international bodies, people, organisations and groups.

`component` runs the finders in order over one `Registry` of drafts (`drafts`):
states and IGOs (`states`), people (`persons`, with `readings`, `name_spans`,
`person_context`, `fallbacks`), organisations (`orgs`, `org_spans`,
`org_checks`, `org_places`, `described_orgs`), groups (`groups`) and references
("the president", "he": `refs`). Data files are read by `lexicon`.
"""
