"""The `claims` component: numeric facts with their unit and what they measure.

`component` decides which figures are claims and what they are about; `figures`
reads a number with its qualifier and unit; number words and units are data
(`words`).
"""
