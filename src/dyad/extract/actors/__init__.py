"""The `actors` component: states, international bodies, people, organisations and groups.

`component` runs the finders in order over one `Registry` of drafts (`drafts`):
states and IGOs (`states`), groupings of states (`blocs`), people (`persons`,
with `readings`, `appositives`, `name_spans`, `person_context`, `fallbacks` and
the dated office holders of `holders`), organisations (`orgs`, `org_spans`,
`org_checks`, `org_places`, `described_orgs`), groups, peoples and crowds
(`groups`) and references ("the president", "he": `refs`). Data files are read
by `lexicon`. The `places` component, run after every other stage, drops the
states a document names only as where something is.
"""
