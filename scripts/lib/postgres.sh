# shellcheck shell=bash
# Throwaway PostgreSQL 15 cluster for Madoguchi's tests. Source this file.
#
#   pg_start  initdb a new cluster in a fresh /tmp/madoguchi-pg.XXXXXX (owned
#             by the `postgres` OS user when run as root), listening only on
#             127.0.0.1 on a free port with its unix socket inside that dir;
#             creates role madoguchi_test (random password) and database
#             madoguchi_test owned by it, then exports
#               MADOGUCHI_TEST_DATABASE_URL=postgres://madoguchi_test:PASS@127.0.0.1:PORT/madoguchi_test
#             Server settings are PostgreSQL's defaults (fsync, synchronous
#             commit and full_page_writes stay on: tests rely on durability).
#   pg_stop   stop the cluster and delete its directory. Safe to call when
#             nothing is running (e.g. from an EXIT trap).
#
# Clusters left behind by runs whose shell is gone (e.g. killed with -9) are
# stopped and removed by the next pg_start.
#
# Environment:
#   MADOGUCHI_PG_BIN  directory with initdb/pg_ctl/psql (default: /usr/lib/postgresql/15/bin)
# Exported while running: MADOGUCHI_TEST_DATABASE_URL, MADOGUCHI_PG_DIR,
#   MADOGUCHI_PG_PORT, MADOGUCHI_PG_SOCKET_DIR (superuser `postgres`, trust
#   auth, over that socket only).

_PG_ROLE=madoguchi_test
_PG_DATABASE=madoguchi_test

_pg_bin() {
    if [[ -n "${MADOGUCHI_PG_BIN:-}" ]]; then
        printf '%s\n' "$MADOGUCHI_PG_BIN"
    elif [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
        printf '%s\n' /usr/lib/postgresql/15/bin
    else
        dirname "$(command -v initdb)"
    fi
}

# Run a command as the cluster's OS owner, from inside the cluster dir (the
# postgres user may not be able to read the caller's working directory).
_pg_as_owner() {
    local dir="$1"
    shift
    if ((EUID == 0)); then
        (cd "$dir" && runuser -u postgres -- "$@")
    else
        (cd "$dir" && "$@")
    fi
}

_pg_free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# Stop and remove one cluster dir (best effort; used for cleanup only, so it
# never fails under `set -e`).
_pg_destroy_dir() {
    local dir="$1" bin pid=""
    bin="$(_pg_bin)"
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        if ! _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
            if ! _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1; then
                pid="$(head -n1 "$dir/data/postmaster.pid" 2>/dev/null)" || pid=""
                if [[ "$pid" =~ ^[0-9]+$ ]]; then
                    kill -KILL "$pid" 2>/dev/null || true
                fi
            fi
        fi
    fi
    rm -rf -- "$dir" || true
}

# Remove clusters whose owning shell (recorded in owner.pid) no longer runs.
_pg_reap_stale() {
    local dir owner
    for dir in /tmp/madoguchi-pg.*; do
        [[ -d "$dir" ]] || continue
        owner="$(cat "$dir/owner.pid" 2>/dev/null)" || owner=""
        if [[ "$owner" =~ ^[0-9]+$ ]] && kill -0 "$owner" 2>/dev/null; then
            continue # another live run owns it
        fi
        echo "postgres: removing stale cluster $dir"
        _pg_destroy_dir "$dir"
    done
}

pg_start() {
    local bin
    bin="$(_pg_bin)"
    if [[ ! -x "$bin/initdb" || ! -x "$bin/pg_ctl" ]]; then
        echo "postgres: initdb/pg_ctl not found in $bin (install postgresql-15)" >&2
        return 1
    fi

    # A cluster this shell already started is replaced.
    if [[ -n "${MADOGUCHI_PG_DIR:-}" ]]; then
        pg_stop
    fi
    _pg_reap_stale

    local dir
    dir="$(mktemp -d /tmp/madoguchi-pg.XXXXXX)" || return 1
    echo "$$" >"$dir/owner.pid"
    mkdir -p "$dir/data" "$dir/socket"
    if ((EUID == 0)); then
        chown -R postgres:postgres "$dir" || { rm -rf -- "$dir"; return 1; }
    fi
    chmod 700 "$dir"
    export MADOGUCHI_PG_DIR="$dir"
    export MADOGUCHI_PG_SOCKET_DIR="$dir/socket"

    local locale_args=(--no-locale)
    if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
        locale_args=(--locale=C.UTF-8)
    fi
    if ! _pg_as_owner "$dir" "$bin/initdb" -D "$dir/data" -U postgres --encoding=UTF8 "${locale_args[@]}" \
        --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1; then
        echo "postgres: initdb failed:" >&2
        cat "$dir/initdb.log" >&2
        pg_stop
        return 1
    fi

    # Where it listens changes, and max_connections: the suite runs its tests in parallel, each with
    # a server of its own (a request pool and the intake writer's), and 100 was seen to run out.
    # Everything else stays at the defaults.
    local port attempt started=0
    for attempt in 1 2 3; do
        port="$(_pg_free_port)" || { pg_stop; return 1; }
        if _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir/socket -c max_connections=400" \
            start >/dev/null; then
            started=1
            break
        fi
        echo "postgres: start on port $port failed (attempt $attempt)" >&2
    done
    if ((started == 0)); then
        echo "postgres: could not start; last log lines:" >&2
        tail -n 50 "$dir/postgres.log" >&2
        pg_stop
        return 1
    fi
    export MADOGUCHI_PG_PORT="$port"

    local password
    password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
    if ! _pg_as_owner "$dir" "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/socket" -p "$port" -U postgres -d postgres \
        -c "CREATE ROLE $_PG_ROLE LOGIN CREATEDB PASSWORD '$password'" \
        -c "CREATE DATABASE $_PG_DATABASE OWNER $_PG_ROLE ENCODING 'UTF8' TEMPLATE template0"; then
        echo "postgres: creating role/database failed" >&2
        pg_stop
        return 1
    fi

    export MADOGUCHI_TEST_DATABASE_URL="postgres://$_PG_ROLE:$password@127.0.0.1:$port/$_PG_DATABASE"
    echo "postgres: cluster at $dir on 127.0.0.1:$port, database $_PG_DATABASE"
}

pg_stop() {
    local dir="${MADOGUCHI_PG_DIR:-}"
    unset MADOGUCHI_TEST_DATABASE_URL MADOGUCHI_PG_DIR MADOGUCHI_PG_PORT MADOGUCHI_PG_SOCKET_DIR
    [[ -n "$dir" && -d "$dir" ]] || return 0
    _pg_destroy_dir "$dir"
    echo "postgres: stopped and removed $dir"
}
