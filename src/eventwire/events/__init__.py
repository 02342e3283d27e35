"""Event extraction: predicates in the dependency parse, the verb/noun pattern dictionaries, modality."""
