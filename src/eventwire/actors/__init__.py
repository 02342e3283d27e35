"""Actor dictionaries (countries, role nouns, organisations, people) and the actor matcher.

::

    dictionary = load_actor_dictionary(extra_files=())   # validates; DictionaryError(path, line)
    matcher = ActorMatcher(dictionary, nlp.vocab)        # build once per process
    matches = matcher.match(doc, date=publication_date)  # list[ActorMatch], non-overlapping, sorted
"""

from .entries import ActorDictionary, ActorEntry, NationalOrg, Role
from .loader import load_actor_dictionary, parse_actor_text
from .matcher import ActorMatch, ActorMatcher

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "ActorMatch",
    "ActorMatcher",
    "NationalOrg",
    "Role",
    "load_actor_dictionary",
    "parse_actor_text",
]
