"""Deduplication of mentions into events (eventwire.analysis.dedup): merging, near misses, partial actors,
incremental updates, re-coding and determinism. Stores are built from hand-made records; no spaCy except
in the slow test with the real coder."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventwire.analysis.dedup import update_events
from eventwire.model import ActorRef, Article, EventMention, Place, Span
from eventwire.store import Store

D = date(2020, 1, 8)
AGENTS = {"MIL", "COP", "CVL", "GOV", "REB"}
# Ain al-Asad air base; a point ~20 km from it; Erbil (~300 km away); Baghdad (~190 km away).
ASAD = (33.80, 42.44)
NEAR_ASAD = (33.95, 42.55)
ERBIL = (36.19, 44.01)
BAGHDAD = (33.34, 44.40)


def actor(code: str | None) -> ActorRef | None:
    if code is None:
        return None
    if code in AGENTS:
        country, sector = None, code
    elif code.startswith("IGO"):
        country, sector = code, None
    else:
        country, sector = code[:3], code[3:] or None
    return ActorRef(code=code, name=code, country=country, sector=sector, text=code, start=0, end=len(code))


def point(name: str, latlon: tuple[float, float], country: str = "IRQ", *, basis: str = "attached") -> Place:
    return Place(name, country, None, latlon[0], latlon[1], "city", 0, 1, basis)


def country_place(country: str = "IRQ", *, basis: str = "article") -> Place:
    return Place(country, country, None, 33.0, 44.0, "country", 0, 1, basis)


def mention(
    article_id: str,
    sentence_index: int,
    cameo: str,
    source: str | None,
    target: str | None,
    *,
    on: date | None = D,
    published: date | None = D,
    place: Place | None = None,
    negated: bool = False,
    hypothetical: bool = False,
    confidence: float = 0.8,
    trigger_start: int = 0,
    sentence: str | None = None,
) -> EventMention:
    return EventMention(
        article_id=article_id,
        sentence_index=sentence_index,
        sentence=sentence or f"{source} did {cameo} to {target} ({article_id}/{sentence_index}).",
        publication_date=published,
        event_date=on,
        date_basis="relative" if on else None,
        source=actor(source),
        target=actor(target),
        cameo=cameo,
        cameo_root=cameo[:2],
        cameo_name=f"code {cameo}",
        goldstein=-10.0 if cameo.startswith("19") else 0.0,
        quad_class=4 if cameo.startswith("19") else 1,
        plover_type=None,
        plover_mode=None,
        trigger=Span("x", trigger_start, trigger_start + 1),
        negated=negated,
        hypothetical=hypothetical,
        location=place,
        confidence=confidence,
        date_granularity="day" if on else None,
    )


def article(article_id: str, *, source: str | None = None, day: date = D) -> Article:
    return Article(id=article_id, text="...", date=day, source=source)


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "events.duckdb") as opened:
        yield opened


def con(store: Store):
    return store.connection()


def write(store: Store, items: list[tuple[Article, list[EventMention]]], *, incremental: bool = True):
    store.write([a for a, _ in items], [m for _, ms in items for m in ms])
    return update_events(store, [a.id for a, _ in items] if incremental else None)


def events(store: Store) -> list[dict]:
    table = con(store).sql("SELECT * FROM events ORDER BY event_id").to_arrow_table()
    return table.to_pylist()


def assignment(store: Store) -> dict[str, str | None]:
    rows = con(store).execute("SELECT mention_id, event_id FROM mentions").fetchall()
    return dict(rows)


def snapshot(store: Store) -> tuple[dict[str, str | None], list[dict]]:
    return assignment(store), events(store)


# -- merging -----------------------------------------------------------------------------------------------


def test_differently_worded_reports_of_one_strike_merge(store: Store) -> None:
    items = [
        # "Iran fired ballistic missiles at the Ain al-Asad base housing US troops"
        (
            article("a1", source="reuters"),
            [
                mention(
                    "a1",
                    0,
                    "195",
                    "IRN",
                    "USAMIL",
                    place=point("Ain al-Asad", ASAD),
                    confidence=0.9,
                    sentence="Iran fired ballistic missiles at the Ain al-Asad base housing US troops.",
                ),
            ],
        ),
        # "Revolutionary Guards attacked American forces near Al Asad" (vaguer code, a point 20 km away)
        (
            article("a2", source="ap"),
            [
                mention(
                    "a2", 3, "190", "IRNMIL", "USAMIL", place=point("near Asad", NEAR_ASAD), confidence=0.7
                ),
            ],
        ),
        # a report the day after, from the same outlet as a1, with no target and only the country
        (
            article("a3", source="reuters", day=D + timedelta(days=1)),
            [
                mention(
                    "a3",
                    1,
                    "195",
                    "IRN",
                    None,
                    on=D + timedelta(days=1),
                    published=D + timedelta(days=1),
                    place=country_place("IRQ"),
                    confidence=0.6,
                ),
            ],
        ),
        # "US forces in Iraq were targeted" (no source)
        (article("a4", source=None), [mention("a4", 0, "195", None, "USAMIL", place=None, confidence=0.5)]),
    ]
    write(store, items)
    found = events(store)
    assert len(found) == 1
    event = found[0]
    assert event["num_mentions"] == 4
    assert event["num_articles"] == 4
    assert event["num_sources"] == 3  # reuters, ap, and the unsourced a4 counting as itself
    assert event["cameo"] == "195"  # the most specific compatible code
    assert event["cameo_root"] == "19"
    assert (event["source_code"], event["target_code"]) == ("IRNMIL", "USAMIL")  # the most specific actors
    assert event["event_date"] == D  # the most common date
    assert event["location_name"] in ("Ain al-Asad", "near Asad") and event["location_feature"] == "city"
    assert event["first_seen"] == D and event["last_seen"] == D + timedelta(days=1)
    assert event["evidence_article_id"] == "a1"
    assert event["evidence_sentence"].startswith("Iran fired ballistic missiles")
    assert 0.9 < event["confidence"] < 1.0  # grows with independent sources
    assert set(assignment(store).values()) == {event["event_id"]}


def test_confidence_grows_with_independent_sources_not_with_repeats(store: Store) -> None:
    write(
        store,
        [
            (article("s1", source="same"), [mention("s1", 0, "195", "IRN", "USAMIL", confidence=0.6)]),
            (article("s2", source="same"), [mention("s2", 0, "195", "IRN", "USAMIL", confidence=0.6)]),
            (article("o1", source="other"), [mention("o1", 0, "173", "IRQCOP", "CVL", confidence=0.6)]),
            (article("o2", source="another"), [mention("o2", 0, "173", "IRQCOP", "CVL", confidence=0.6)]),
        ],
    )
    by_code = {e["cameo"]: e for e in events(store)}
    assert by_code["195"]["num_sources"] == 1 and by_code["195"]["num_articles"] == 2
    assert by_code["195"]["confidence"] == pytest.approx(0.6)
    assert by_code["173"]["num_sources"] == 2
    assert by_code["173"]["confidence"] == pytest.approx(1 - 0.4 * 0.4)


# -- near misses -------------------------------------------------------------------------------------------

BASE = dict(cameo="195", source="IRN", target="USAMIL", on=D, place=point("Ain al-Asad", ASAD))


@pytest.mark.parametrize(
    ("change", "merged"),
    [
        ({"on": D + timedelta(days=2)}, False),  # two days apart
        ({"on": D + timedelta(days=1)}, True),  # one day apart
        ({"on": D - timedelta(days=1)}, True),
        ({"target": "SAUMIL"}, False),  # another target
        ({"target": "USAGOV"}, False),  # same country, another sector
        ({"source": "IRQ"}, False),  # another source
        ({"place": point("Erbil", ERBIL)}, False),  # ~300 km away
        ({"place": point("Baghdad", BAGHDAD)}, False),  # ~190 km away
        ({"place": point("near Asad", NEAR_ASAD)}, True),  # ~20 km away
        ({"place": country_place("IRQ")}, True),  # only the country, the same
        ({"place": country_place("SYR")}, False),  # another country
        ({"place": point("Baghdad", BAGHDAD, basis="sentence")}, True),  # a weak place only says the country
        ({"place": None}, True),  # unknown place
        ({"cameo": "173"}, False),  # another root
        ({"cameo": "193"}, False),  # same root, incompatible leaf
        ({"cameo": "190"}, True),  # "not specified" joins any leaf of its root
        ({"cameo": "19"}, True),
    ],
)
def test_near_misses_stay_apart_and_near_hits_merge(store: Store, change: dict, merged: bool) -> None:
    base = dict(BASE)
    other = {**base, **change}
    write(
        store,
        [
            (article("base", source="reuters"), [mention("base", 0, **base)]),
            (article("other", source="ap"), [mention("other", 0, **other)]),
        ],
    )
    assert len(events(store)) == (1 if merged else 2)
    ids = assignment(store)
    assert (ids[_mid(store, "base")] == ids[_mid(store, "other")]) is merged


def _mid(store: Store, article_id: str) -> str:
    return (
        con(store)
        .execute("SELECT mention_id FROM mentions WHERE article_id = ?", [article_id])
        .fetchall()[0][0]
    )


def test_leaf_parents_join_but_siblings_do_not(store: Store) -> None:
    write(
        store,
        [
            (article("p"), [mention("p", 0, "025", "IGOUNO", "IRN")]),
            (article("c1"), [mention("c1", 0, "0256", "IGOUNO", "IRN")]),
            (article("c2"), [mention("c2", 0, "0251", "IGOUNO", "IRN")]),
        ],
    )
    found = events(store)
    assert sorted(e["cameo"] for e in found) == ["0251", "0256"]  # the siblings stay apart
    assert sum(e["num_mentions"] for e in found) == 3  # the parent joined one of them


# -- partial actors ----------------------------------------------------------------------------------------


def test_missing_target_joins_the_best_supported_event_and_never_bridges(store: Store) -> None:
    write(
        store,
        [
            (article("u1"), [mention("u1", 0, "195", "IRN", "USAMIL")]),
            (article("u2"), [mention("u2", 0, "195", "IRN", "USAMIL")]),
            (article("s1"), [mention("s1", 0, "195", "IRN", "SAUMIL")]),
            (article("vague"), [mention("vague", 0, "195", "IRN", None)]),
        ],
    )
    found = {e["target_code"]: e for e in events(store)}
    assert set(found) == {"USAMIL", "SAUMIL"}  # the vague report merged into one, it joined nothing else
    assert found["USAMIL"]["num_mentions"] == 3
    assert found["SAUMIL"]["num_mentions"] == 1


def test_bare_country_joins_a_sector_but_sectors_do_not_join_each_other(store: Store) -> None:
    write(
        store,
        [
            (
                article("gov"),
                [
                    mention("gov", 0, "195", "IRNGOV", "USA"),
                    mention("gov", 1, "195", "IRNGOV", "USA", trigger_start=5),
                ],
            ),
            (article("mil"), [mention("mil", 0, "195", "IRNMIL", "USA")]),
            (article("bare"), [mention("bare", 0, "195", "IRN", "USA")]),
            (article("agent"), [mention("agent", 0, "195", "IRN", "MIL")]),  # country-less troops
        ],
    )
    found = {e["source_code"]: e for e in events(store)}
    assert set(found) == {"IRNGOV", "IRNMIL"}
    assert found["IRNGOV"]["num_mentions"] + found["IRNMIL"]["num_mentions"] == 5


def test_no_shared_actor_no_merge(store: Store) -> None:
    write(
        store,
        [
            (article("a"), [mention("a", 0, "195", "IRN", None)]),
            (article("b"), [mention("b", 0, "195", None, "USAMIL")]),
        ],
    )
    assert len(events(store)) == 2


def test_negated_hypothetical_and_actorless_mentions_make_no_events(store: Store) -> None:
    write(
        store,
        [
            (article("real"), [mention("real", 0, "195", "IRN", "USAMIL")]),
            (article("neg"), [mention("neg", 0, "195", "IRN", "USAMIL", negated=True)]),
            (article("hyp"), [mention("hyp", 0, "195", "IRN", "USAMIL", hypothetical=True)]),
            (article("none"), [mention("none", 0, "195", None, None)]),
            (article("only"), [mention("only", 0, "190", "USA", "IRN", negated=True)]),
        ],
    )
    found = events(store)
    assert len(found) == 1 and found[0]["num_mentions"] == 1
    ids = assignment(store)
    assert ids[_mid(store, "real")] == found[0]["event_id"]
    assert all(ids[_mid(store, a)] is None for a in ("neg", "hyp", "none", "only"))


def test_one_trigger_at_several_places_is_one_event(store: Store) -> None:
    # "Iran launched missiles on bases in Al-Asad and Arbil": one trigger, two places 300 km apart.
    write(
        store,
        [
            (
                article("a"),
                [
                    mention(
                        "a", 2, "195", "IRN", "USAMIL", place=point("Ain al-Asad", ASAD), trigger_start=9
                    ),
                    mention("a", 2, "195", "IRN", "USAMIL", place=point("Erbil", ERBIL), trigger_start=9),
                ],
            ),
            (article("b"), [mention("b", 0, "195", "IRN", "USAMIL", place=country_place("IRQ"))]),
        ],
    )
    found = events(store)
    assert len(found) == 1 and found[0]["num_articles"] == 2


# -- incremental updates, re-coding, determinism -----------------------------------------------------------

SOURCES = ["IRN", "IRNMIL", "IRNGOV", "USA", "USAMIL", "MIL", None]
TARGETS = ["USAMIL", "USA", "IRN", "IRNMIL", "SAUMIL", "MIL", None]
CODES = ["195", "190", "193", "19", "173", "010", "0256", "025"]
PLACES = [None, ("Ain al-Asad", ASAD), ("near Asad", NEAR_ASAD), ("Erbil", ERBIL), ("Iraq", None)]


def random_items(seed: int, n_articles: int = 60) -> list[tuple[Article, list[EventMention]]]:
    rng = random.Random(seed)
    items = []
    for i in range(n_articles):
        aid = f"r{i:03d}"
        day = D + timedelta(days=rng.randrange(6))
        mentions = []
        for s in range(rng.randrange(1, 6)):
            src, tgt = rng.choice(SOURCES), rng.choice(TARGETS)
            if src is None and tgt is None:
                tgt = "USAMIL"
            name, latlon = rng.choice(PLACES) or (None, None)
            place = None if name is None else country_place("IRQ") if latlon is None else point(name, latlon)
            on = day - timedelta(days=rng.randrange(3)) if rng.random() < 0.9 else None
            mentions.append(
                mention(
                    aid,
                    s,
                    rng.choice(CODES),
                    src,
                    tgt,
                    on=on,
                    published=day,
                    place=place,
                    negated=rng.random() < 0.1,
                    hypothetical=rng.random() < 0.05,
                    confidence=round(rng.uniform(0.4, 0.95), 2),
                    trigger_start=rng.randrange(3),
                )
            )
        items.append((article(aid, source=rng.choice(["reuters", "ap", "afp", None]), day=day), mentions))
    return items


def test_incremental_updates_equal_a_full_recompute(store: Store) -> None:
    items = random_items(1)
    for start in range(0, len(items), 7):
        stats = write(store, items[start : start + 7])
        assert not stats.full
    incremental = snapshot(store)
    assert len(incremental[1]) > 20
    full = update_events(store)
    assert full.full
    assert snapshot(store) == incremental


def test_incremental_update_touches_only_what_the_articles_can_join(store: Store) -> None:
    write(
        store,
        [
            (article("x1"), [mention("x1", 0, "195", "IRN", "USAMIL")]),
            (article("far"), [mention("far", 0, "173", "RUSCOP", "CVL", on=D + timedelta(days=40))]),
        ],
    )
    stats = write(store, [(article("x2"), [mention("x2", 0, "190", "IRN", "USAMIL")])])
    assert stats.mentions == 2  # x1 and x2, not the unrelated arrest
    assert stats.events_removed == 1 and stats.events == 1


def test_recoding_an_article_updates_its_events_without_duplicates(store: Store) -> None:
    first = [
        (article("a1", source="reuters"), [mention("a1", 0, "195", "IRN", "USAMIL")]),
        (
            article("a2", source="ap"),
            [mention("a2", 0, "195", "IRN", "USAMIL"), mention("a2", 1, "010", "USA", "IRN")],
        ),
    ]
    write(store, first)
    before = snapshot(store)
    assert sorted(e["num_articles"] for e in before[1]) == [1, 2]

    # Re-coding a2 with the same result changes nothing.
    write(store, [first[1]])
    assert snapshot(store) == before

    # Re-coding a2 with a new coder: the strike is now on Saudi forces, the statement is gone.
    write(store, [(article("a2", source="ap"), [mention("a2", 0, "195", "IRN", "SAUMIL")])])
    found = {e["target_code"]: e for e in events(store)}
    assert set(found) == {"USAMIL", "SAUMIL"}
    assert found["USAMIL"]["num_articles"] == 1 and found["USAMIL"]["num_mentions"] == 1
    assert found["SAUMIL"]["num_articles"] == 1
    assert con(store).execute("SELECT count(*) FROM mentions WHERE event_id IS NULL").fetchall()[0][0] == 0
    recoded = snapshot(store)
    update_events(store)
    assert snapshot(store) == recoded


def test_an_article_whose_mentions_vanish_takes_its_events_with_it(store: Store) -> None:
    write(
        store,
        [
            (article("a1"), [mention("a1", 0, "195", "IRN", "USAMIL")]),
            (article("a2"), [mention("a2", 0, "173", "IRQCOP", "CVL")]),
        ],
    )
    write(store, [(article("a2"), [])])
    assert [e["cameo"] for e in events(store)] == ["195"]


@pytest.mark.slow  # three stores of 40 articles each: about 4 s
def test_event_ids_do_not_depend_on_insertion_order(tmp_path: Path) -> None:
    items = random_items(2, n_articles=40)
    snapshots = []
    for run, order in enumerate([items, list(reversed(items)), random.Random(5).sample(items, len(items))]):
        with Store.open(tmp_path / f"s{run}.duckdb") as s:
            step = 3 + 4 * run
            for start in range(0, len(order), step):
                shuffled = [
                    (a, random.Random(run).sample(ms, len(ms))) for a, ms in order[start : start + step]
                ]
                write(s, shuffled, incremental=run != 1)
            snapshots.append(snapshot(s))
    assert snapshots[0] == snapshots[1] == snapshots[2]


def test_update_on_an_empty_store_and_a_noop_update(store: Store) -> None:
    stats = update_events(store)
    assert (stats.mentions, stats.events) == (0, 0)
    write(store, [(article("a"), [mention("a", 0, "195", "IRN", "USAMIL")])])
    stats = update_events(store, [])
    assert (stats.mentions, stats.events, stats.events_removed) == (0, 0, 0)
    assert len(events(store)) == 1


# -- the seed example with the real coder ------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.slow
def test_two_reports_of_the_iranian_missile_strikes_make_one_event(nlp, tmp_path: Path) -> None:
    from eventwire.ingest.reading import read_inputs
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    paths = [EXAMPLES / "000_17d1bd0ca880ae7a.txt", EXAMPLES / "001_iran_strikes_second_report.txt"]
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
    assert len(articles) == 2
    pipeline = Pipeline(Settings())
    with Store.open(tmp_path / "seed.duckdb") as s:
        for result in pipeline.code(articles):  # one write + update per article, as `eventwire code` does
            s.write([result.article], result.mentions)
            update_events(s, [result.article.id])
        found = events(s)
        strikes = [
            e
            for e in found
            if e["source_country"] == "IRN" and e["target_country"] == "USA" and e["cameo_root"] == "19"
        ]
        assert len(strikes) == 1
        assert strikes[0]["num_articles"] == 2
        soleimani = [
            e
            for e in found
            if e["source_country"] == "USA" and e["target_country"] == "IRN" and e["cameo_root"] == "19"
        ]
        assert len(soleimani) == 1
        assert soleimani[0]["event_id"] != strikes[0]["event_id"]
        assert soleimani[0]["num_articles"] == 1


def test_mentions_with_no_date_at_all_merge_into_events(store: Store) -> None:
    # An article with neither a publication date nor a date in its text: its mentions share the stand-in
    # day, which the merge must read without mixing it into the list of real days (it once failed: E303).
    first = (article("u1", day=None), [mention("u1", 0, "195", "IRN", "USAMIL", on=None, published=None)])
    second = (article("u2", day=None), [mention("u2", 0, "195", "IRN", "USAMIL", on=None, published=None)])
    dated = (article("d1"), [mention("d1", 0, "190", "USA", "IRN")])
    write(store, [first, dated])
    write(store, [second])
    found = {(e["source_code"], e["cameo"]): e for e in events(store)}
    assert found[("IRN", "195")]["num_mentions"] == 2
    assert found[("USA", "190")]["num_mentions"] == 1
