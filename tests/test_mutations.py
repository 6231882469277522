"""Structural damage to the seed text that changes the records must show as a finding the seed's
baseline does not hold: one fixed example of every kind of damage that leaves a trace (the kinds
are tools/mutate.py's, which runs many of each: make mutate)."""

import random

import pytest

from pipeline.core.baseline import finding_keys, new_findings
from pipeline.extract import extract
from tests.helpers import SEED
from tools.mutate import KINDS, _content, targets

TRACEABLE = [kind for kind, spec in KINDS.items() if spec.detectable]


@pytest.fixture(scope="module")
def places(seed_extraction, seed_lines):
    return targets(seed_extraction, seed_lines)


@pytest.mark.parametrize("kind", TRACEABLE)
def test_damage_that_leaves_a_trace_is_reported(kind, places, seed_extraction, seed_lines, tmp_path):
    args = random.Random(kind).choice(places[kind])
    path = tmp_path / "mutant.txt"
    path.write_text("\n".join(KINDS[kind].damage(seed_lines, *args)), encoding="utf-8")
    edition = extract(path).edition
    assert _content(edition.records) != _content(seed_extraction.edition.records)  # the records changed
    new = new_findings(edition, finding_keys(seed_extraction.edition))
    assert edition.status == "fail" or new, [seed_lines[i] for i in args]


def test_every_kind_has_places_to_fall(places):
    assert all(places[kind] for kind in KINDS)


def test_the_seed_is_its_own_baseline(seed_extraction):
    assert new_findings(extract(SEED).edition, finding_keys(seed_extraction.edition)) == []
