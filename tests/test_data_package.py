"""The data package is valid and internally consistent: the collection's credibility rests on it.

Schema, types and keys are checked by Frictionless; the rules Frictionless cannot express (list
columns, dates of answers, closures, arithmetic, documentation) are checked here.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import data
from helpers.validate import source_issuer_problem

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SPAN = (pd.Timestamp("2014-03-01"), pd.Timestamp("2018-04-30"))
TABLES = ["events", "sources", "facilities", "sanctions", "staffing", "people", "claims", "official_domains"]
# Tables whose rows state facts and so must cite sources (sources and the domain list are reference tables).
CITING = [t for t in TABLES if t not in {"sources", "official_domains"}]
# The news article is not ours to redistribute: where a copy is present (beside the repository, or at
# $TITFORTAT_ARTICLE) the quotes are checked against it; everywhere, against their recorded fingerprints.
ARTICLE = Path(os.environ.get("TITFORTAT_ARTICLE", ROOT.parent / "shared" / "seed" / "source-article.txt"))
CLAIM_FINGERPRINTS = ROOT / "tests" / "fixtures" / "claims-verified.json"
REVERIFY = "re-verify the quotes with: python scripts/verify_claims.py --article PATH/TO/source-article.txt --write"
# Public web archives whose captures keep a body's own page; the captured address is what counts.
# Addresses that are listings rather than documents; such a source must be marked page=index.
INDEX_URL = re.compile(r"/(?:tag|tags|category|categories|author|search)/|[?&](?:s|query)=|/page/\d+/?$", re.I)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    data.clear_cache()
    return {name: data.load_table(name) for name in TABLES}


def test_frictionless_validates_the_package():
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(DATA / "datapackage.json")).validate()
    errors = [f"{task.name}: {err.message}" for task in report.tasks for err in task.errors][:20]
    assert report.valid, "\n".join(errors)


def test_every_table_is_declared_and_loads(tables):
    assert data.table_names() == TABLES
    for name, frame in tables.items():
        assert len(frame) > 0, f"{name} is empty"


def _ids(frame: pd.DataFrame, column: str) -> list[tuple[int, str]]:
    return [(i + 2, v) for i, cell in frame[column].items() for v in data.split_ids(cell)]


@pytest.mark.parametrize("name", CITING)
def test_every_row_cites_an_existing_source(tables, name):
    frame, known = tables[name], set(tables["sources"]["source_id"].astype(str))
    empty = [i + 2 for i, cell in frame["source_ids"].items() if not data.split_ids(cell)]
    assert not empty, f"{name}.csv rows without a source: {empty}"
    dangling = [(row, s) for row, s in _ids(frame, "source_ids") if s not in known]
    assert not dangling, f"{name}.csv cites sources not in sources.csv (row, id): {dangling[:10]}"


def test_every_source_is_used(tables):
    used = {s for name in CITING for _, s in _ids(tables[name], "source_ids")}
    unused = sorted(set(tables["sources"]["source_id"].astype(str)) - used)
    assert not unused, f"sources.csv lists sources no row cites: {unused}"


def test_primary_sources_are_preferred(tables):
    sources = tables["sources"]
    primary = set(sources.loc[sources["kind"] == "primary", "source_id"].astype(str))
    assert primary, "no primary source at all"
    events = tables["events"]
    with_primary = events["source_ids"].map(lambda c: bool(set(data.split_ids(c)) & primary))
    # Not every event has a primary document (a news report is sometimes all there is); most key acts do.
    assert with_primary.mean() >= 0.25, f"only {with_primary.mean():.0%} of events cite a primary source"


def test_events_inside_the_documented_span(tables):
    events = tables["events"]
    outside = events[(events["date"] < SPAN[0]) | (events["date"] > SPAN[1])]
    assert outside.empty, f"events outside {SPAN[0]:%Y-%m-%d}..{SPAN[1]:%Y-%m-%d}: {outside['event_id'].tolist()}"


def test_event_ids_are_stable_slugs_starting_with_their_date(tables):
    events = tables["events"]
    for event_id, day in zip(events["event_id"], events["date"], strict=True):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+", event_id), event_id
        assert event_id.startswith(f"{day:%Y-%m-%d}"), f"{event_id} does not start with its date {day:%Y-%m-%d}"


def test_answers_come_after_what_they_answer(tables):
    events = tables["events"].set_index("event_id")
    bad = []
    for event_id, row in events[events["responds_to"].notna()].iterrows():
        answered = events.loc[row["responds_to"]]
        if answered["date"] > row["date"]:
            bad.append(f"{event_id} ({row['date']:%Y-%m-%d}) answers a later event {row['responds_to']}")
        if row["responds_to"] == event_id:
            bad.append(f"{event_id} answers itself")
    assert not bad, "\n".join(bad)


def test_event_facilities_exist(tables):
    known = set(tables["facilities"]["facility_id"].astype(str))
    dangling = [(row, f) for row, f in _ids(tables["events"], "facility_ids") if f not in known]
    assert not dangling, f"events.csv names unknown facilities (row, id): {dangling}"


def test_closing_events_exist_and_are_closures(tables):
    events = tables["events"].set_index("event_id")
    facilities = tables["facilities"]
    for _, row in facilities[facilities["closed_by"].notna()].iterrows():
        assert row["closed_by"] in events.index, f"{row['facility_id']}: closing event {row['closed_by']} missing"
        category = events.loc[row["closed_by"], "category"]
        assert category == "closure", f"{row['facility_id']}: {row['closed_by']} is a {category}, not a closure"


def test_claims_point_to_existing_events(tables):
    known = set(tables["events"]["event_id"].astype(str))
    dangling = [(row, e) for row, e in _ids(tables["claims"], "event_ids") if e not in known]
    assert not dangling, f"claims.csv names unknown events (row, id): {dangling}"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).lower()).strip()


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_claims_quote_the_article_in_a_few_words(tables):
    claims = tables["claims"]
    long = claims[claims["phrase"].astype(str).str.split().str.len() > 6]
    assert long.empty, f"phrases of more than 6 words: {long['claim_id'].tolist()}"


def test_claim_quotes_match_their_verified_fingerprints(tables):
    """Runs everywhere: a quote edited since it was last checked against the article fails."""
    assert CLAIM_FINGERPRINTS.is_file(), f"{CLAIM_FINGERPRINTS.relative_to(ROOT)} is missing; {REVERIFY}"
    recorded = json.loads(CLAIM_FINGERPRINTS.read_text(encoding="utf-8"))["claims"]
    claims = dict(zip(tables["claims"]["claim_id"].astype(str), tables["claims"]["phrase"].astype(str), strict=True))
    assert set(recorded) == set(claims), (
        f"claims without a verified fingerprint: {sorted(set(claims) - set(recorded))}; fingerprints of claims "
        f"that no longer exist: {sorted(set(recorded) - set(claims))}; {REVERIFY}")
    changed = sorted(c for c, phrase in claims.items() if _sha256(_normalise(phrase)) != recorded[c])
    assert not changed, f"phrases changed since they were last checked against the article: {changed}; {REVERIFY}"


def test_claim_quotes_are_in_the_article_where_a_copy_is_present(tables):
    """With the article at hand, check the words themselves; without it, say what was checked instead."""
    if not ARTICLE.is_file():
        # Not a skip: the fingerprint test above has checked every quote against its verified form.
        assert CLAIM_FINGERPRINTS.is_file()
        return
    text = ARTICLE.read_text(encoding="utf-8")
    missing = [c for c, p in zip(tables["claims"]["claim_id"], tables["claims"]["phrase"], strict=True)
               if _normalise(p) not in _normalise(text)]
    assert not missing, f"phrases not found word for word in the article ({ARTICLE}): {missing}"
    recorded = json.loads(CLAIM_FINGERPRINTS.read_text(encoding="utf-8"))["article_sha256"]
    assert _sha256(_normalise(text)) == recorded, (
        f"the article at {ARTICLE} is not the text the fingerprints were made from; {REVERIFY}")


def test_goldstein_only_with_a_cameo_code(tables):
    events = tables["events"]
    mismatch = events[events["cameo_code"].isna() != events["goldstein"].isna()]
    assert mismatch.empty, f"cameo_code and goldstein must be both set or both empty: {mismatch['event_id'].tolist()}"
    assert events["goldstein"].dropna().between(-10, 10).all()


def test_same_cameo_code_same_goldstein_weight(tables):
    coded = tables["events"].dropna(subset=["cameo_code"])
    weights = coded.groupby(coded["cameo_code"].astype(str))["goldstein"].nunique()
    assert (weights <= 1).all(), f"codes with several weights: {weights[weights > 1].index.tolist()}"


def test_staff_cap_arithmetic(tables):
    """The cap (455) plus the cut (755) equals the total Russia's figures imply (1,210)."""
    staffing = tables["staffing"]
    us = staffing[staffing["mission"] == "us_in_russia"]
    cap = us.loc[us["measure"] == "cap", "value"]
    cut = us.loc[us["measure"] == "cut", "value"]
    implied = us.loc[(us["measure"] == "total_staff") & (us["basis"] == "inferred"), "value"]
    assert len(cap) >= 1 and len(cut) >= 1 and len(implied) >= 1
    assert int(cap.iloc[0]) + int(cut.iloc[0]) in set(implied.astype(int)), (cap.tolist(), cut.tolist(), implied.tolist())


def test_oig_breakdown_is_consistent(tables):
    """The 2013 inspection's parts (301 US direct hires + 934 local staff) do not exceed its total (1,279)."""
    staffing = tables["staffing"]
    oig = staffing[staffing["stated_by"].astype(str).str.contains("OIG|Inspector", regex=True)]
    total = oig.loc[oig["measure"] == "total_staff", "value"]
    parts = oig.loc[oig["measure"].isin(["us_direct_hire", "locally_employed"]), "value"]
    if len(total) and len(parts) == 2:
        assert int(parts.sum()) <= int(total.max())


def test_disagreeing_figures_are_all_kept(tables):
    """The size of the US mission is disputed: the table must hold several totals from several people."""
    staffing = tables["staffing"]
    totals = staffing[(staffing["mission"] == "us_in_russia") & (staffing["measure"] == "total_staff")]
    assert totals["value"].nunique() >= 3 and totals["stated_by"].nunique() >= 3


def test_vocabularies_are_documented_in_the_readme():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    schema = data._resource("events")["schema"]
    for field in schema["fields"]:
        for value in field.get("constraints", {}).get("enum", []):
            if field["name"] in {"category", "confidence"}:
                assert f"`{value}`" in readme, f"data/README.md does not explain {field['name']} `{value}`"
    for name in TABLES:
        assert f"{name}.csv" in readme, f"data/README.md does not describe {name}.csv"
    assert re.search(r"notes on the data", readme, re.I)


def test_every_column_is_described(tables):
    for name in TABLES:
        for field in data._resource(name)["schema"]["fields"]:
            assert field.get("description", "").strip(), f"{name}.{field['name']} has no description"


def test_data_dictionary_in_readme_is_up_to_date():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "scripts/data_dictionary.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_parts_do_not_exceed_their_total(tables):
    """48 + 12 of the 60 expelled, 301 + 934 of the 1,279: parts never add up to more than their total."""
    staffing = tables["staffing"].set_index("measurement_id")
    parts = staffing[staffing["part_of"].notna()]
    assert len(parts) >= 4
    for total_id, group in parts.groupby("part_of"):
        total = staffing.loc[total_id]
        assert (group["mission"] == total["mission"]).all(), total_id
        assert int(group["value"].sum()) <= int(total["value"]), f"parts of {total_id} exceed it"


def test_bounds_are_recorded_as_data(tables):
    staffing = tables["staffing"].set_index("measurement_id")
    assert staffing.loc["us_2017_putin_total_lower_bound", "bound"] == "lower"
    assert (staffing["bound"] == "approximate").sum() >= 3


# --- sources: primary means the issuing body's own publication --------------------------------------------

def test_official_domains_name_each_issuer_consistently(tables):
    domains = tables["official_domains"]
    per_issuer = domains.groupby(domains["issuer"].astype(str))[["issuer_name", "country"]].nunique()
    bad = per_issuer[(per_issuer > 1).any(axis=1)].index.tolist()
    assert not bad, f"official_domains.csv gives one issuer several names or countries: {bad}"


def test_primary_sources_are_on_their_issuers_official_domain(tables):
    """A source marked primary must be the issuing body's own page: its issuer is named and its address is on
    one of that issuer's domains in official_domains.csv (a web-archive capture counts by the captured address).
    The rule is helpers.validate.source_issuer_problem, which validate_new_rows applies to a student's rows."""
    sources, domains = tables["sources"], tables["official_domains"]
    by_issuer: dict[str, list[str]] = {}
    for issuer, domain in zip(domains["issuer"].astype(str), domains["domain"].astype(str), strict=True):
        by_issuer.setdefault(issuer, []).append(domain)
    bad = []
    for row in sources.itertuples():
        issuer = "" if pd.isna(row.issuer) else str(row.issuer)
        problem = source_issuer_problem(str(row.kind), issuer, str(row.url), by_issuer)
        if problem:
            bad.append(f"{row.source_id}: {problem}")
    assert not bad, "sources whose kind, issuer and address disagree:\n" + "\n".join(bad)


def test_secondary_sources_name_no_issuer(tables):
    sources = tables["sources"]
    named = sources[(sources["kind"] == "secondary") & sources["issuer"].notna()]
    assert named.empty, f"secondary sources with an issuer (make them primary or drop it): {named['source_id'].tolist()}"


def test_index_pages_are_marked_and_never_a_rows_only_source(tables):
    """An index (tag, category, author or search page) lists material without being it: mark it page=index,
    and let no row rest on index pages alone."""
    sources = tables["sources"]
    unmarked = sources[sources["url"].astype(str).str.contains(INDEX_URL) & (sources["page"] != "index")]
    assert unmarked.empty, f"addresses that look like index pages but are not marked page=index: {unmarked['source_id'].tolist()}"
    index = set(sources.loc[sources["page"] == "index", "source_id"].astype(str))
    bad = []
    for name in CITING:
        frame = tables[name]
        key = frame.columns[0]
        for row_id, cell in zip(frame[key], frame["source_ids"], strict=True):
            ids = set(data.split_ids(cell)) - {"cameo_codebook", "goldstein_scale", "keds_cameo_scale"}
            if ids and ids <= index:
                bad.append(f"{name}.csv {row_id}")
    assert not bad, f"rows whose only source is an index page: {bad}"


# --- places ---------------------------------------------------------------------------------------------

def test_every_facility_has_site_coordinates_or_says_why_not(tables):
    """'site' coordinates name the cited source that gives them; 'city' points say why no site was found."""
    facilities = tables["facilities"]
    bad = []
    for row in facilities.itertuples():
        cited = set(data.split_ids(row.source_ids))
        if row.coord_precision == "site":
            if pd.isna(row.coord_source) or str(row.coord_source) not in cited:
                bad.append(f"{row.facility_id}: site coordinates without a coord_source among its source_ids")
        else:
            if not pd.isna(row.coord_source):
                bad.append(f"{row.facility_id}: coord_source on a point that is not a site")
            if "No site coordinates: " not in str(row.note):
                bad.append(f"{row.facility_id}: approximate point whose note does not say 'No site coordinates: <why>'")
    assert not bad, "\n".join(bad)


# --- method: one decision, one weight -------------------------------------------------------------------

def test_every_coded_row_belongs_to_one_decision(tables):
    """decision_id groups the rows of one decision; the group's own row holds the decision itself."""
    events = tables["events"].set_index("event_id", drop=False)
    coded = events[events["cameo_code"].notna()]
    assert coded["decision_id"].notna().all(), f"coded rows without decision_id: {coded[coded['decision_id'].isna()].index.tolist()}"
    uncoded = events[events["cameo_code"].isna() & events["decision_id"].notna()]
    assert uncoded.empty, f"decision_id on rows without a CAMEO code: {uncoded.index.tolist()}"
    bad = []
    for event_id, row in coded.iterrows():
        head = events.loc[row["decision_id"]]
        if head["decision_id"] != head["event_id"]:
            bad.append(f"{event_id}: its decision {row['decision_id']} is not its own decision")
        if head["actor"] != row["actor"] or head["date"] < row["date"]:
            bad.append(f"{event_id}: decision {row['decision_id']} has another actor or comes before this row")
    assert not bad, "\n".join(bad)
    caatsa = coded[coded["decision_id"] == "2017-08-02-trump-signs-caatsa"]
    assert len(caatsa) == 4, "the House vote, Senate vote, 'will sign' and signing of CAATSA are one decision"


def test_authority_only_marks_coded_legal_instruments(tables):
    events = tables["events"]
    marked = events[events["authority_only"] == "yes"]
    assert len(marked) >= 5
    wrong = marked[marked["cameo_code"].isna() | ~marked["category"].astype(str).isin(
        ["sanctions", "countersanctions", "legislation", "media"])]
    assert wrong.empty, f"authority_only on rows that are not coded legal instruments: {wrong['event_id'].tolist()}"


# --- fairness: both sides' words ------------------------------------------------------------------------

def test_every_accusation_records_the_accused_sides_reply(tables):
    """Each public US finding of election interference has at least one dated Russian reply linked to it."""
    events = tables["events"]
    findings = events[events["category"] == "election_interference"]
    replies = events[(events["actor"] == "RUS") & events["responds_to"].notna()]
    unanswered = [e for e in findings["event_id"] if e not in set(replies["responds_to"])]
    assert not unanswered, f"accusations with no recorded reply by Russia: {unanswered}"
