"""Learned components: a sentence encoder (all-MiniLM-L6-v2 in numpy) for the event typer."""
