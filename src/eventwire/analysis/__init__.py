"""Analysis over the store, in DuckDB SQL: deduplicated events (``dedup``), dyad series, escalation alerts,
timelines and actor networks. Each module is a set of functions over a DuckDB connection; importing this
package imports nothing heavy.
"""
