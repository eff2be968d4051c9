# shellcheck shell=bash
# Dependency helpers for Madoguchi's scripts. Source this file; do not run it.
#
#   ensure_apt_packages PKG...  install the Debian packages that are not yet
#                               installed (per dpkg -s); runs `apt-get update`
#                               once first, and only if something is missing.
#   ensure_venv                 create $MADOGUCHI_ROOT/.venv if needed and
#                               pip-install scripts/requirements-test.txt, but
#                               only when that file changed since the last
#                               successful install (sha256 stamp in .venv).
#
# Environment:
#   MADOGUCHI_PYTHON  interpreter used to create the venv (default: python3)

if [[ -z "${MADOGUCHI_ROOT:-}" ]]; then
    MADOGUCHI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fi

_DEPS_APT_UPDATED=0

# Print the packages among "$@" that are not fully installed.
_deps_missing_apt_packages() {
    local pkg status
    for pkg in "$@"; do
        # dpkg -s fails for unknown packages; that just means "missing".
        status="$(dpkg -s "$pkg" 2>/dev/null | sed -n 's/^Status: //p')" || status=""
        if [[ "$status" != "install ok installed" ]]; then
            printf '%s\n' "$pkg"
        fi
    done
}

ensure_apt_packages() {
    local -a missing=()
    local pkg
    while IFS= read -r pkg; do
        [[ -n "$pkg" ]] && missing+=("$pkg")
    done < <(_deps_missing_apt_packages "$@")

    if ((${#missing[@]} == 0)); then
        echo "deps: apt packages present: $*"
        return 0
    fi

    local sudo=()
    if ((EUID != 0)); then
        sudo=(sudo)
    fi

    echo "deps: installing apt packages: ${missing[*]}"
    local started=$SECONDS
    if ((_DEPS_APT_UPDATED == 0)); then
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q || return 1
        _DEPS_APT_UPDATED=1
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${missing[@]}" || return 1

    local still
    still="$(_deps_missing_apt_packages "${missing[@]}")"
    if [[ -n "$still" ]]; then
        echo "deps: still not installed after apt-get: $still" >&2
        return 1
    fi
    echo "deps: apt install took $((SECONDS - started)) s"
}

ensure_venv() {
    local venv="$MADOGUCHI_ROOT/.venv"
    local req="$MADOGUCHI_ROOT/scripts/requirements-test.txt"
    local stamp="$venv/.requirements-test.sha256"
    local python="${MADOGUCHI_PYTHON:-python3}"

    if [[ ! -f "$req" ]]; then
        echo "deps: $req not found" >&2
        return 1
    fi

    # A venv whose interpreter no longer runs (e.g. the base Python moved) is
    # rebuilt from scratch.
    if [[ -d "$venv" ]] && ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
        echo "deps: $venv is broken; recreating it"
        rm -rf "$venv"
    fi

    if [[ ! -x "$venv/bin/python" ]]; then
        echo "deps: creating $venv with $("$python" --version 2>&1)"
        "$python" -m venv "$venv" || return 1
    fi

    local want have=""
    want="$(sha256sum "$req" | cut -d' ' -f1)"
    [[ -f "$stamp" ]] && have="$(cat "$stamp")"
    if [[ "$want" == "$have" ]]; then
        echo "deps: venv up to date ($venv)"
        return 0
    fi

    echo "deps: installing $req into $venv"
    local started=$SECONDS
    rm -f "$stamp"
    "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$req" || return 1
    printf '%s\n' "$want" >"$stamp"
    echo "deps: pip install took $((SECONDS - started)) s"
}
