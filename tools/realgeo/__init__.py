"""Pieces of ``tools/eval_real_geo.py``: where the devdata is, the three geo sets, and the scoring."""
