"""Public holidays from the `holidays` package (CAL-2, CAL-2a).

Only the PUBLIC category: optional days ("ponto facultativo": Carnival, Ash Wednesday, Corpus
Christi nationally, Dec 24 and 31) are working days unless an administrator closes them on a
calendar. State rows are what a state adds to the national list; São Paulo capital's rows are what
the city adds to the state's.
"""

from datetime import date

import holidays

# The only Brazilian city the package knows; others are registered in the back-office.
PACKAGE_MUNICIPALITIES = {("SP", "São Paulo"): "São Paulo Capital"}


def _public(year: int, subdiv: str | None = None) -> dict[date, str]:
    return dict(
        holidays.country_holidays("BR", subdiv=subdiv, years=year, categories=("public",), language="pt_BR")
    )


def package_holidays(year: int) -> list[dict]:
    """Every national, state and package-known municipal public holiday of `year` as row data."""
    national = _public(year)
    rows = [
        {"date": d, "name": name, "scope": "national", "state": "", "municipality": ""}
        for d, name in national.items()
    ]
    states: dict[str, dict[date, str]] = {}
    for uf in holidays.Brazil.subdivisions:
        if len(uf) != 2:
            continue
        states[uf] = _public(year, uf)
        for d, name in states[uf].items():
            if d not in national:
                rows.append({"date": d, "name": name, "scope": "state", "state": uf, "municipality": ""})
    for (uf, municipality), subdiv in PACKAGE_MUNICIPALITIES.items():
        for d, name in _public(year, subdiv).items():
            if d not in national and d not in states[uf]:
                rows.append(
                    {"date": d, "name": name, "scope": "municipal", "state": uf, "municipality": municipality}
                )
    return sorted(rows, key=lambda row: (row["date"], row["scope"], row["state"]))
