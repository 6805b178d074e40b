#!/usr/bin/env bash
# Make sure a local PostgreSQL accepts connections on 127.0.0.1:5432 as postgres/postgres,
# installing and starting it when it is missing or down. Used by `make test-pg`.
set -euo pipefail

can_connect() {
    PGPASSWORD=postgres PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1
}

can_connect && exit 0

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "PostgreSQL is not installed: installing Debian's postgresql package" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
    echo "Starting PostgreSQL $version" >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi

for _ in $(seq 1 30); do
    can_connect && exit 0
    # A fresh install asks for a password over TCP: give postgres the one the tests use.
    su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null 2>&1 || true
    sleep 1
done
echo "PostgreSQL did not accept connections on 127.0.0.1:5432" >&2
exit 1
