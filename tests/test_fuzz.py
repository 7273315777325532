"""Fuzzing every command with mutated maps, Argdown and AIF files (see tests/fuzz.py).

CI runs the `ci` profile (a few hundred cases, well under a minute).  For a long run:

    ARGMAP_FUZZ=long .venv/bin/python -m pytest -q tests/test_fuzz.py   # 20,000 cases a test
    .venv/bin/python bench/fuzz.py --minutes 60                        # by the clock, with figures
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings

from tests import fuzz

settings.register_profile(
    "fuzz-ci", max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False
)
settings.register_profile(
    "fuzz-long", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck)
)
PROFILE = settings.get_profile("fuzz-long" if os.environ.get("ARGMAP_FUZZ") == "long" else "fuzz-ci")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


MAPS = fuzz.map_seeds()
ARGDOWN = fuzz.argdown_seeds()
AIF = fuzz.aif_seeds()


@PROFILE
@given(data=fuzz.mutated(MAPS))
def test_mutated_maps(folder, data):
    fuzz.check_map(data, folder)


@PROFILE
@given(data=fuzz.generated_maps())
def test_generated_maps(folder, data):
    fuzz.check_map(data, folder)


@PROFILE
@given(data=fuzz.mutated(ARGDOWN))
def test_mutated_argdown(folder, data):
    fuzz.check_import(data, "argdown", folder)


@PROFILE
@given(data=fuzz.mutated(AIF))
def test_mutated_aif(folder, data):
    fuzz.check_import(data, "aif", folder)
