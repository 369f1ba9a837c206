#!/usr/bin/env bash
# `make python-test`: installs the Python client (this folder) with its test extras into a
# virtual environment of its own, then runs its tests against real `gemfill serve`
# processes. Idempotent: the install is skipped while neither the package's sources nor
# the .proto (nor the Python) changed, so a second run only runs the tests.
# Usage: clients/python/run-tests.sh GEMFILL_BINARY VENV_DIR [pytest arguments...]
set -euo pipefail

usage="usage: clients/python/run-tests.sh GEMFILL_BINARY VENV_DIR [pytest arguments...]"
gemfill=${1:?$usage}
venv=${2:?$usage}
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-python3}

if [ ! -x "$gemfill" ]; then
    echo "python-test: no gemfill binary at $gemfill: build it first (make test builds" \
        "target/debug/gemfill; or cargo build -p gemfill), or pass GEMFILL_BIN=PATH" >&2
    exit 1
fi
if ! command -v "$python" >/dev/null 2>&1; then
    echo "python-test: $python not found; make setup installs python3" >&2
    exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))'; then
    echo "python-test: the client needs Python 3.9 or later; $python is $("$python" --version 2>&1)" >&2
    exit 1
fi

# A venv whose interpreter went away (Python upgraded or removed) is made anew.
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c '' 2>/dev/null; then
    # Debian ships venv's pip bootstrap (ensurepip) separately, as pythonX.Y-venv.
    if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
        version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
        if command -v apt-get >/dev/null 2>&1; then
            sudo_if_needed=""
            [ "$(id -u)" = 0 ] || sudo_if_needed="sudo"
            $sudo_if_needed apt-get update -qq
            $sudo_if_needed apt-get install -y -qq "python$version-venv"
        else
            echo "python-test: $python cannot make virtual environments; install its venv" \
                "module (python$version-venv on Debian) and rerun" >&2
            exit 1
        fi
    fi
    echo "python-test: creating a virtual environment in $venv"
    rm -rf "$venv"
    "$python" -m venv "$venv"
fi

# What the install depends on: the interpreter, the package's own files and the .proto its
# stubs are generated from (not the tests, which run from the source tree).
digest=$(
    cd "$repo"
    {
        "$venv/bin/python" --version
        find clients/python/pyproject.toml clients/python/setup.py clients/python/README.md \
            clients/python/gemfill proto -type f \
            \( -name '*.py' -o -name '*.toml' -o -name '*.md' -o -name '*.proto' -o -name py.typed \) \
            -not -path 'clients/python/gemfill/v1/*' -not -name '*.pyc' -print0 |
            LC_ALL=C sort -z | xargs -0 sha256sum
    } | sha256sum | cut -d' ' -f1
)
stamp="$venv/gemfill-installed.sha256"
if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
    echo "python-test: installing clients/python with its test extras into $venv"
    rm -f "$stamp"
    # An earlier build's leftovers (a deleted module, say) would end up in the wheel.
    rm -rf "$here/build"
    # The way users install it (pip reinstalls a local folder each time).
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$here[test]"
    echo "$digest" >"$stamp"
else
    echo "python-test: clients/python is installed and up to date in $venv"
fi

# pytest's own script, not `python -m pytest`, which would put the working folder on
# sys.path: the tests must import the installed package, never the source folder (which
# has no generated stubs).
cd "$repo"
GEMFILL_BIN="$gemfill" exec "$venv/bin/pytest" -o cache_dir="$venv/pytest-cache" \
    clients/python/tests "$@"
