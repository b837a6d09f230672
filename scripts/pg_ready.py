"""Exit 0 when the PostgreSQL server of the given URL answers (used by scripts/test.sh)."""

import sys

import dj_database_url
import psycopg

config = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or "postgres",
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        connect_timeout=3,
    ).close()
except psycopg.Error as error:
    print(error, file=sys.stderr)
    sys.exit(1)
