"""The `events` component: CAMEO-coded interactions between actors.

`component` finds triggers (`lexicon`), reads their parties (`roles`, `parties`,
`syntax`), decides realis and modality (`modality`), resolves dates (`dates`) and
treats each kind of event as cameo_roles.yaml says (`codes`).
"""
