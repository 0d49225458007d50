"""The `quotes` component: direct, partial and indirect quotations with their speakers.

`component` pairs quotation marks (`marks`, `window`), finds who speaks each
quotation (`attribution`, `speakers`) and reported speech without marks
(`indirect`); speech verbs and titles are data (`words`).
"""
