# shellcheck shell=bash
# Run a Madoguchi server in the background for end-to-end tests. Source this file.
#
#   server_start BIN DATA_DIR PORT
#       starts `BIN serve --hostname 127.0.0.1 --port PORT` with
#       MADOGUCHI_DATA_DIR=DATA_DIR, logging to DATA_DIR/server.log, and waits
#       up to 60 s for GET http://127.0.0.1:PORT/health to answer 200.
#       Exports SERVER_PID, SERVER_LOG and SERVER_URL. On failure prints the
#       last 50 lines of the log, stops the process and returns non-zero.
#   server_stop
#       TERM, then KILL after 10 s. Safe to call when nothing runs.
#   server_log_tail [N]
#       print the last N (default 50) lines of the current server log.

SERVER_START_TIMEOUT="${SERVER_START_TIMEOUT:-60}"

server_log_tail() {
    local n="${1:-50}"
    if [[ -n "${SERVER_LOG:-}" && -f "$SERVER_LOG" ]]; then
        echo "---- last $n lines of $SERVER_LOG ----" >&2
        tail -n "$n" "$SERVER_LOG" >&2
        echo "---- end of server log ----" >&2
    fi
}

server_start() {
    if (($# != 3)); then
        echo "usage: server_start BIN DATA_DIR PORT" >&2
        return 2
    fi
    local bin="$1" data_dir="$2" port="$3"
    if [[ ! -x "$bin" ]]; then
        echo "server: $bin is not an executable" >&2
        return 1
    fi
    if [[ -n "${SERVER_PID:-}" ]]; then
        server_stop
    fi
    mkdir -p "$data_dir" || return 1

    export SERVER_LOG="$data_dir/server.log"
    export SERVER_URL="http://127.0.0.1:$port"
    MADOGUCHI_DATA_DIR="$data_dir" "$bin" serve --hostname 127.0.0.1 --port "$port" \
        </dev/null >"$SERVER_LOG" 2>&1 &
    export SERVER_PID=$!
    echo "server: started $bin (pid $SERVER_PID) on $SERVER_URL, data in $data_dir"

    local deadline=$((SECONDS + SERVER_START_TIMEOUT)) code
    while ((SECONDS < deadline)); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            local status=0
            wait "$SERVER_PID" 2>/dev/null || status=$?
            echo "server: process exited during startup (status $status)" >&2
            server_log_tail 50
            unset SERVER_PID
            return 1
        fi
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$SERVER_URL/health" 2>/dev/null)" || code=000
        if [[ "$code" == 200 ]]; then
            echo "server: healthy after $((SECONDS + SERVER_START_TIMEOUT - deadline)) s"
            return 0
        fi
        sleep 0.5
    done

    echo "server: /health did not answer 200 within ${SERVER_START_TIMEOUT} s (last status $code)" >&2
    server_log_tail 50
    server_stop
    return 1
}

server_stop() {
    local pid="${SERVER_PID:-}"
    unset SERVER_PID
    [[ -n "$pid" ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        local i
        for ((i = 0; i < 100; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "server: pid $pid ignored TERM for 10 s; sending KILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    # Reap it if it is our child; its exit status is not a test result.
    wait "$pid" 2>/dev/null || true
    echo "server: stopped (pid $pid)"
    return 0
}
