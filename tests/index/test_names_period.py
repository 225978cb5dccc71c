"""A passage is read for the periods it names only when one of the asked years is written in it (in full or by
its last two figures): the shortcut never changes the answer of reading every passage (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.hybrid import _names_period
from ingest.periods import named_periods

_PIECES = st.sampled_from(
    [
        "in 2019",
        "FY19",
        "FY 2018-19",
        "FY2020/21",
        "2018–19",
        "2017/18",
        "1 July 2018 – 30 June 2019",
        "January–March 2021",
        "between 2019 and 2021",
        "entre enero de 2020 y diciembre de 2022",
        "the 2021/22 financial year",
        "COVID-19",
        "resolution 46/152",
        "E/CN.15/2021/6",
        "page 18",
        "1,999 people",
        "20 cases",
        "the institute trained",
        "officers",
        "2020.",
        "(2018)",
        "1998–2001",
        "19 and 20",
    ]
)
_YEARS = st.integers(min_value=1995, max_value=2024)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    text=st.lists(_PIECES, min_size=1, max_size=8).map(" ".join),
    fiscal_starts=st.booleans(),
    data=st.data(),
)
def test_the_shortcut_agrees_with_reading_every_period(text: str, fiscal_starts: bool, data: st.DataObject) -> None:
    periods = named_periods(text, fiscal_starts)
    # The periods the text names (the true cases) and others near them.
    years = data.draw(
        st.one_of(
            st.sampled_from(periods) if periods else st.nothing(),
            st.lists(_YEARS, min_size=1, max_size=3, unique=True).map(lambda ys: tuple(sorted(ys))),
            _YEARS.map(lambda y: (y, y + 1)),
        )
    )
    assert _names_period(text, years, fiscal_starts) == any(period == years for period in periods)
