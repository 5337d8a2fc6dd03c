"""Portuguese-aware full-text search, one selector for both databases (SELF-1, SELF-3).

An app describes a searchable table with an `Index` (its columns, title first, each with a weight)
and registers it in its AppConfig.ready(); after every `migrate` (and test-database creation) the
`post_migrate` handler makes sure each registered table has its search structure, idempotently:

- PostgreSQL: a `search_vector tsvector` column kept by a trigger (so later migrations may alter the
  searched columns freely), with a GIN index; the text search configuration `pt_unaccent` is the
  `portuguese` one with `unaccent` before the Portuguese stemmer, so "ferias" finds "férias" and
  "cálculos" finds "cálculo"; stop words are dropped by the configuration.
- SQLite (the embedded default of `make run`): an FTS5 table over the same columns (external
  content, `unicode61 remove_diacritics 2`) kept by triggers; the query side removes accents,
  Portuguese stop words and plural endings and matches word prefixes, the nearest FTS5 has to a
  stemmer. Django rebuilds SQLite tables on ALTER (dropping their triggers): the handler recreates
  them and rebuilds the index then.

`search()` filters a queryset (already restricted to what the user may see) to the rows matching
the words, annotates `search_rank` (higher is better; the title weighs more than the body) and
orders by it; `with_snippet()` adds a highlighted extract of one column, and `highlight()` turns it
into safe HTML (the text is escaped; only the <mark> around matched words is markup).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import FloatField, Model, QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CONFIG = "pt_unaccent"
WEIGHTS = ("A", "B", "C", "D")
# Highlight markers no text of ours contains; replaced by <mark> after escaping (see highlight()).
START, STOP = "\ue000", "\ue001"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

M = TypeVar("M", bound=Model)

# Short Portuguese words that say nothing about a problem (SQLite has no stop-word list of its own;
# PostgreSQL's `portuguese` configuration drops these and more).
STOP_WORDS = frozenset(
    """a ao aos as com como da das de do dos e em entre era essa esse esta este eu foi ha isso
    ja la mais mas me mesmo meu minha muito na nao nas nem no nos num numa o os ou para pela
    pelas pelo pelos por qual quando que se sem ser seu sua tambem te tem to tu um uma umas uns
    voce""".split()
)


@dataclass(frozen=True)
class Index:
    """A searchable table: its name, its primary key and its text columns with their weights."""

    table: str
    columns: tuple[tuple[str, str], ...]  # (column, weight "A" > "B" > "C" > "D")
    pk: str = "id"

    def __post_init__(self) -> None:
        if not self.columns or any(weight not in WEIGHTS for _, weight in self.columns):
            raise ValueError(f"{self.table}: columns need weights among {WEIGHTS}")
        for name in (self.table, self.pk, *(column for column, _ in self.columns)):
            if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
                raise ValueError(f"{name!r} is not a plain SQL identifier")

    @property
    def fts_table(self) -> str:
        return f"{self.table}_fts"


_REGISTRY: dict[str, Index] = {}


def register(index: Index) -> Index:
    _REGISTRY[index.table] = index
    return index


def registered() -> tuple[Index, ...]:
    return tuple(_REGISTRY.values())


# --- Words of a query -----------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents: "Cálculo de Férias" -> "calculo de ferias"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(query: str) -> list[str]:
    """The meaningful words of a query, folded, without stop words or single letters."""
    return [word for word in _WORD.findall(fold(query)) if len(word) > 1 and word not in STOP_WORDS]


def _stem(word: str) -> str:
    """A light Portuguese stemmer for prefix matching on SQLite (plural, then final vowel)."""
    for ending, keep in (("coes", "c"), ("cao", "c"), ("oes", ""), ("aes", ""), ("aos", ""), ("ao", "")):
        if word.endswith(ending) and len(word) - len(ending) + len(keep) >= 4:
            return word[: -len(ending)] + keep
    if word.endswith(("res", "zes", "ses")) and len(word) > 5:
        word = word[:-2]
    elif word.endswith("s") and len(word) > 4:
        word = word[:-1]
    if word[-1] in "aeo" and len(word) > 4:
        word = word[:-1]
    return word


def _pg_query(terms: Sequence[str], any_word: bool, prefix: bool = True) -> str:
    return (" | " if any_word else " & ").join(f"{term}:*" if prefix else term for term in terms)


def _sqlite_query(terms: Sequence[str], any_word: bool) -> str:
    return (" OR " if any_word else " AND ").join(f'"{_stem(term)}"*' for term in terms)


# --- Searching ------------------------------------------------------------------------------------


def _vendor(queryset: QuerySet[Any]) -> str:
    return connections[queryset.db].vendor


def search(
    queryset: QuerySet[M],
    index: Index,
    query: str,
    *,
    any_word: bool = False,
    prefix: bool = True,
    matched: bool = False,
) -> QuerySet[M]:
    """The rows of `queryset` matching the words of `query` (all of them, or any with `any_word`),
    annotated with `search_rank` and ordered by it, best first. No meaningful word: no row.

    `prefix=False` (PostgreSQL) matches whole words only (their stems: accents and plurals still
    match): much faster on common words of a large table, for a query that is not being typed.
    SQLite always matches prefixes (its stand-in for a stemmer). The condition names the table,
    so the result cannot be used as a subquery of the same table (Django aliases it there).
    `matched=True`: the rows are known to match (candidate ids read first): they are ranked and
    ordered without the condition again, which would lead PostgreSQL to scan the GIN index."""
    terms = words(query)
    if not terms:
        return queryset.none()
    table, pk = index.table, index.pk
    if _vendor(queryset) == "postgresql":
        tsquery = f"to_tsquery('{CONFIG}', %s)"
        text = _pg_query(terms, any_word, prefix)
        if not matched:
            queryset = queryset.extra(where=[f'"{table}"."search_vector" @@ {tsquery}'], params=[text])
        return cast(
            "QuerySet[M]",
            queryset.annotate(
                search_rank=RawSQL(
                    f'ts_rank("{table}"."search_vector", {tsquery})', (text,), output_field=FloatField()
                )
            ).order_by("-search_rank", "-pk"),
        )
    fts = index.fts_table
    match = _sqlite_query(terms, any_word)
    weights = ", ".join(str({"A": 10.0, "B": 4.0, "C": 2.0, "D": 1.0}[w]) for _, w in index.columns)
    if not matched:
        queryset = queryset.extra(
            where=[f'"{table}"."{pk}" IN (SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s)'], params=[match]
        )
    return cast(
        "QuerySet[M]",
        queryset.annotate(
            search_rank=RawSQL(
                f'(SELECT -bm25("{fts}", {weights}) FROM "{fts}" '
                f'WHERE "{fts}" MATCH %s AND rowid = "{table}"."{pk}")',
                (match,),
                output_field=FloatField(),
            )
        ).order_by("-search_rank", "-pk"),
    )


def with_snippet(
    queryset: QuerySet[M], index: Index, query: str, column: str, *, words_around: int = 24
) -> QuerySet[M]:
    """Annotate `search_snippet`: an extract of `column` around the matched words, the words between
    the START/STOP markers. Meant for a page of results (it is computed per row shown)."""
    terms = words(query)
    names = [name for name, _ in index.columns]
    if column not in names:
        raise ValueError(f"{column!r} is not a column of {index.table}")
    if not terms:
        return cast(
            "QuerySet[M]", queryset.annotate(search_snippet=RawSQL("''", (), output_field=TextField()))
        )
    table, pk = index.table, index.pk
    if _vendor(queryset) == "postgresql":
        options = (
            f"StartSel={START}, StopSel={STOP}, MaxWords={words_around + 10}, MinWords={words_around // 2}, "
            'MaxFragments=2, FragmentDelimiter=" … "'
        )
        sql = f"ts_headline('{CONFIG}', \"{table}\".\"{column}\", to_tsquery('{CONFIG}', %s), %s)"
        params: tuple[str, ...] = (_pg_query(terms, True), options)
    else:
        fts = index.fts_table
        sql = (
            f"(SELECT snippet(\"{fts}\", {names.index(column)}, '{START}', '{STOP}', '…', {words_around}) "
            f'FROM "{fts}" WHERE "{fts}" MATCH %s AND rowid = "{table}"."{pk}")'
        )
        params = (_sqlite_query(terms, True),)
    return cast(
        "QuerySet[M]", queryset.annotate(search_snippet=RawSQL(sql, params, output_field=TextField()))
    )


def highlight(snippet: str | None) -> SafeString:
    """The snippet as safe HTML: everything escaped, the matched words inside <mark>."""
    text = escape(snippet or "")
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 (escaped)


# --- The structures, kept after every migrate -----------------------------------------------------


def ensure_indexes(using: str = "default", **_: object) -> None:
    """post_migrate: create what is missing for every registered index (idempotent)."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    indexes = [index for index in registered() if index.table in tables]
    if not indexes:
        return
    if connection.vendor == "postgresql":
        _ensure_postgresql(connection, indexes)
    else:
        _ensure_sqlite(connection, indexes)


def _ensure_postgresql(connection: BaseDatabaseWrapper, indexes: Sequence[Index]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute(
            f"""DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
                    CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.portuguese);
                    ALTER TEXT SEARCH CONFIGURATION {CONFIG}
                        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, portuguese_stem;
                END IF;
            END $$"""
        )
        for index in indexes:
            table = index.table
            vector = " || ".join(
                f"setweight(to_tsvector('{CONFIG}', coalesce(NEW.\"{column}\"::text, '')), '{weight}')"
                for column, weight in index.columns
            )
            cursor.execute(
                """SELECT 1 FROM information_schema.columns
                    WHERE table_name = %s AND column_name = 'search_vector'""",
                [table],
            )
            new_column = cursor.fetchone() is None
            cursor.execute(f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS search_vector tsvector')
            cursor.execute(
                f"""CREATE OR REPLACE FUNCTION "{table}_search_update"() RETURNS trigger AS $$
                    BEGIN NEW.search_vector := {vector}; RETURN NEW; END $$ LANGUAGE plpgsql"""
            )
            cursor.execute(
                f"""CREATE OR REPLACE TRIGGER "{table}_search_update"
                    BEFORE INSERT OR UPDATE ON "{table}"
                    FOR EACH ROW EXECUTE FUNCTION "{table}_search_update"()"""
            )
            cursor.execute(
                f'CREATE INDEX IF NOT EXISTS "{table}_search_gin" ON "{table}" USING GIN (search_vector)'
            )
            if new_column:  # rows written before the column existed
                cursor.execute(f'UPDATE "{table}" SET "{index.pk}" = "{index.pk}"')


def _ensure_sqlite(connection: BaseDatabaseWrapper, indexes: Sequence[Index]) -> None:
    with connection.cursor() as cursor:
        for index in indexes:
            table, fts, pk = index.table, index.fts_table, index.pk
            columns = [column for column, _ in index.columns]
            listed = ", ".join(f'"{column}"' for column in columns)
            new = ", ".join(f'new."{column}"' for column in columns)
            old = ", ".join(f'old."{column}"' for column in columns)
            cursor.execute(
                f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5({listed}, '
                f"content='{table}', content_rowid='{pk}', tokenize='unicode61 remove_diacritics 2')"
            )
            cursor.execute(
                "SELECT count(*) FROM sqlite_master"
                " WHERE type = 'trigger' AND tbl_name = %s AND name LIKE %s",
                [table, f"{fts}_%"],
            )
            if cursor.fetchone()[0] == 3:
                continue
            insert = f'INSERT INTO "{fts}"(rowid, {listed}) VALUES (new."{pk}", {new});'
            delete = f'INSERT INTO "{fts}"("{fts}", rowid, {listed}) VALUES (\'delete\', old."{pk}", {old});'
            for name, when, body in (
                ("ai", "AFTER INSERT", insert),
                ("ad", "AFTER DELETE", delete),
                ("au", "AFTER UPDATE", delete + insert),
            ):
                cursor.execute(f'DROP TRIGGER IF EXISTS "{fts}_{name}"')
                cursor.execute(f'CREATE TRIGGER "{fts}_{name}" {when} ON "{table}" BEGIN {body} END')
            cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')
