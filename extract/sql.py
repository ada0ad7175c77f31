"""``extract sql``: read-only SQL over an output folder, with DuckDB in-process.

The query sees the four tables by name. They come from the folder's Parquet exports when
all four are there, so a query never holds the database a run writes to; otherwise the
database is opened read-only.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from extract.errors import ExtractError
from extract.store import DB_NAME, first_line
from extract.tables import TABLE_NAMES


class QueryError(ExtractError):
    """The output folder cannot be queried, or the query failed."""


def query(out_dir: str | Path, sql: str) -> pd.DataFrame:
    """The result of ``sql`` over the tables of ``out_dir`` as a DataFrame."""
    out = Path(out_dir)
    parquet = {name: out / f"{name}.parquet" for name in TABLE_NAMES}
    try:
        if all(path.is_file() for path in parquet.values()):
            con = duckdb.connect()
            for name, path in parquet.items():
                source = str(path).replace("'", "''")
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{source}')")
        elif (out / DB_NAME).is_file():
            con = duckdb.connect(str(out / DB_NAME), read_only=True)
        else:
            raise QueryError(f"{out}: no extract output here (no {DB_NAME}, no Parquet tables)")
    except duckdb.Error as exc:
        raise QueryError(f"{out}: cannot open the tables: {first_line(exc)}") from exc
    try:
        return con.execute(sql).df()
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {first_line(exc)}") from exc
    finally:
        con.close()
