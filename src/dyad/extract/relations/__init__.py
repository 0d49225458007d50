"""The `relations` component: standing relations between states, with polarity.

`component` reads each cue word with the frame that fits it; `arguments` reads the
sides of a cue from the parse (`clauses`) and keeps what is found; `states` maps
words to the states they stand for; cue words are data (`words`).
"""
