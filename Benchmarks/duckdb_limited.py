#!/usr/bin/env python3
"""The bench kit's DuckDB runner (shared/bench/peers.py) with DuckDB's memory capped, so it spills to disk.

    python duckdb_limited.py PEERS_PY MEMORY_LIMIT [peers.py arguments...]

Every connection peers.py opens gets `SET memory_limit` (e.g. '2GB') and a temp directory under TMPDIR
(DuckDB's default is next to the database, which is in memory here). The SQL is peers.py's, unchanged.
"""
import atexit
import runpy
import shutil
import sys
import tempfile

import duckdb

peers, limit = sys.argv[1], sys.argv[2]
_connect = duckdb.connect
spill = tempfile.mkdtemp(prefix="duckdb-spill-")
atexit.register(shutil.rmtree, spill, True)


def connect(*args, **kwargs):
    con = _connect(*args, **kwargs)
    con.execute(f"SET memory_limit = '{limit}'")
    con.execute(f"SET temp_directory = '{spill}'")
    return con


duckdb.connect = connect
sys.argv = [peers] + sys.argv[3:]
runpy.run_path(peers, run_name="__main__")
