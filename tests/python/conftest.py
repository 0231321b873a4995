"""Shared test configuration: Hypothesis profiles and the repository root.

Hypothesis profile: ``HYPOTHESIS_PROFILE=ci`` (the default: 100 examples a property) or
``HYPOTHESIS_PROFILE=dev`` (1,000 examples, for a longer local run). Neither has a deadline: the first call of
a property pays for imports and the thread pool, and timing is not what these tests check.
"""

from __future__ import annotations

import os
import pathlib

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "dev",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def find_repo_root(start: pathlib.Path | None = None) -> pathlib.Path:
    """The repository root: the nearest ancestor of this file holding both ``Cargo.toml`` and ``pyproject.toml``."""
    here = (start or pathlib.Path(__file__)).resolve()
    for candidate in [here, *here.parents]:
        if (candidate / "pyproject.toml").is_file() and (candidate / "Cargo.toml").is_file():
            return candidate
    raise RuntimeError(f"no repository root (pyproject.toml + Cargo.toml) above {here}")


REPO_ROOT = find_repo_root()


@pytest.fixture(scope="session")
def repo_root() -> pathlib.Path:
    """The repository root (the folder with ``pyproject.toml`` and ``Cargo.toml``)."""
    return REPO_ROOT
