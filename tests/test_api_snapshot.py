"""The in-memory event list answers exactly what the SQL event list answers, on random requests."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa
import pytest

from eventwire.api import queries
from eventwire.api.results import with_cameo_names
from eventwire.api.snapshot import EventSnapshot
from eventwire.ontology import load_ontology
from eventwire.store import Store

CODES = ["USA", "USAGOV", "USAMIL", "IRN", "IRNMIL", "IRQ", "IRQGOV", "IGOUNO", "IGOUNOKFR", "RUS", "RUSMIL",
         "UKR", "UKRGOV", "ISR", "PSE", "PSEREB", "SYR", "SYRREB", "USACVL", None]  # fmt: skip
COUNTRIES = ["USA", "IRN", "IRQ", "RUS", "UKR", "ISR", "PSE", "SYR", None]
CAMEOS = ["010", "020", "0256", "036", "042", "057", "111", "112", "130", "173", "190", "193", "195", "1823", "200"]
WORDS = ["missile", "Missiles", "strike", "talks", "ceasefire", "protest", "Kyiv", "Baghdad", "sanctions", "said"]
SORTS = list(queries.SORTS)
N_EVENTS = 2500
N_REQUESTS = 400


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    rng = random.Random(11)
    path = tmp_path_factory.mktemp("snap") / "events.duckdb"
    with Store.open(path) as s:
        con = s.connection()
        rows = []
        for i in range(N_EVENTS):
            source, target = rng.choice(CODES), rng.choice(CODES)
            cameo = rng.choice(CAMEOS)
            day = date(2020, 1, 1) + timedelta(days=rng.randrange(60))
            rows.append((
                f"ev{i:05d}", source, source[:3] if source else None, source[3:6] or None if source else None,
                target, target[:3] if target else None, target[3:6] or None if target else None, cameo, cameo[:2],
                1 + (int(cameo[:2]) > 5) + (int(cameo[:2]) > 9) + (int(cameo[:2]) > 14), rng.choice([-10.0, -2.0, 0.0, 3.4, None]),
                "ASSAULT", None, None if rng.random() < 0.1 else day, "publication", rng.choice(["Baghdad", None]),
                rng.choice(COUNTRIES), None, None, None, None, rng.randint(1, 4), 1, 1, day, day,
                "m" + str(i), "a" + str(i), " ".join(rng.sample(WORDS, 3)), 0.5, None,  # location_geonames_id
            ))  # fmt: skip
        # One Arrow insert: executemany takes seconds for a few thousand rows.
        names = [d[0] for d in con.execute("SELECT * FROM events LIMIT 0").description]
        new_events = pa.Table.from_pylist([dict(zip(names, row, strict=True)) for row in rows])  # noqa: F841
        con.execute("INSERT INTO events SELECT * FROM new_events")
    return path


def random_filter(rng: random.Random) -> queries.EventFilter:
    def maybe(values, p=0.25):
        return rng.choice(values) if rng.random() < p else None

    patterns = ["USA", "usa", "IRN*", "*MIL", "IGO", "IGOUNO", "US", "U?A*", "USAGOV", "SYRREB", "PSE", "XYZ"]
    dyad = (rng.choice(patterns), rng.choice(patterns)) if rng.random() < 0.15 else None
    lo = maybe([date(2020, 1, 10), date(2020, 2, 1)])
    hi = maybe([date(2020, 2, 15), date(2020, 1, 20)])
    if lo and hi and lo > hi:
        lo, hi = hi, lo
    return queries.EventFilter(
        actor=maybe(patterns), source=maybe(patterns, 0.15), target=maybe(patterns, 0.15), dyad=dyad,
        either_way=rng.random() < 0.5,
        country=maybe(["usa", "IRQ", "UKR", "FRA"], 0.2), root=maybe(["19", "1", "02", "18"], 0.2),
        cameo=maybe(["19", "195", "1823", "02"], 0.15), quad=maybe([1, 2, 3, 4], 0.2), date_from=lo, date_to=hi,
        q=maybe(["missile", "MISSILE strike", "kyiv", "said talks"], 0.2),
    )  # fmt: skip


def test_snapshot_and_sql_agree_on_random_requests(store):
    rng = random.Random(5)
    with Store.open(store, read_only=True) as s:
        cur = s.connection().cursor()
        ontology = load_ontology()
        snapshot = EventSnapshot.load(cur, generation=0, cameo_names={c.code: c.name for c in ontology.codes()})
        assert len(snapshot) == N_EVENTS
        nonempty = 0
        for _ in range(N_REQUESTS):
            filters = random_filter(rng)
            sort = rng.choice(SORTS)
            limit, offset = rng.choice([1, 10, 50, 200]), rng.choice([0, 0, 5, 60, 3000])
            total, rows = queries.list_events(cur, filters, sort=sort, limit=limit, offset=offset)
            expected = (total, with_cameo_names(rows, ontology))
            assert snapshot.page(filters, sort=sort, limit=limit, offset=offset) == expected, (filters, sort)
            # The JSON the API sends is what json.dumps would write of the same rows.
            total_json, text = snapshot.page_json(filters, sort=sort, limit=limit, offset=offset)
            assert (total_json, json.loads(text)) == (total, json.loads(json.dumps(expected[1], default=str)))
            nonempty += bool(rows)
        assert nonempty > N_REQUESTS // 4  # the requests were not all empty


def test_snapshot_refuses_what_sql_refuses(store):
    with Store.open(store, read_only=True) as s:
        snapshot = EventSnapshot.load(s.connection().cursor(), generation=0)
    from eventwire.errors import UsageError

    for bad in ({"root": "42"}, {"cameo": "1a"}, {"actor": " "}, {"quad": 5}, {"date_from": "2020-13-01"}):
        with pytest.raises(UsageError):  # a bad value never reaches either compiler
            queries.EventFilter(**bad)
    with pytest.raises(UsageError):
        snapshot.page(queries.EventFilter(), sort="random", limit=5, offset=0)


def test_close_waits_for_the_snapshot_being_built_and_starts_no_other(store, monkeypatch):
    """The copy is built on a thread holding a cursor on the store: close() must join it before closing the
    store (else DuckDB may refuse the close, or the thread read a closed store), and start none after."""
    import threading
    import time

    from eventwire.api import ApiService, ApiSettings
    from eventwire.api import service as service_module

    started, finished = threading.Event(), threading.Event()
    real_load = EventSnapshot.load

    def slow_load(cur, generation, names=None):
        started.set()
        time.sleep(0.5)  # still reading when close() is called
        snap = real_load(cur, generation, names)
        finished.set()
        return snap

    monkeypatch.setattr(service_module.EventSnapshot, "load", slow_load)
    service = ApiService(ApiSettings(db=str(store), duckdb_memory_limit=None))
    service.open()
    assert service.snapshot() is None  # the build starts in the background
    assert started.wait(30)
    service.close()
    assert finished.is_set()  # close() waited for the build to end
    assert not [t for t in threading.enumerate() if t.name == "eventwire-snapshot"]
    assert service.snapshot() is None
    assert not [t for t in threading.enumerate() if t.name == "eventwire-snapshot"]
    with Store.open(store) as again:  # the file was let go
        assert again.counts()["events"] == N_EVENTS
