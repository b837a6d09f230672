import pytest

from maillage.funding.tests.factories import FundingWorld, build_funding_world


@pytest.fixture
def fw(db: None) -> FundingWorld:
    return build_funding_world()
