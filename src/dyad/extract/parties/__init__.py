"""Party resolution shared by the stages that read who did what to whom (events, relations).

    from dyad.extract.parties import PartyResolver
    resolver = PartyResolver(ctx)                 # once per document, after the actors stage
    for party in resolver.resolve(token):         # a role head: subject, object, "with X" ...
        party.key, party.state, party.reason      # actor key, ISO3 (or None), why (party.REASONS)

`resolver.at(token)` gives the single actor one word stands for; `speaker(token)`
the side of whoever says the clause a word sits in. The rules are described in
`resolver`; the words they use are data (src/dyad/data/parties.yaml).
"""

from dyad.extract.parties.party import REASONS, Party, unique
from dyad.extract.parties.resolver import PartyResolver, agentive, conjuncts

__all__ = ["REASONS", "Party", "PartyResolver", "agentive", "conjuncts", "unique"]
