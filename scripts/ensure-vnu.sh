#!/usr/bin/env bash
# Install the Nu Html Checker (npm's vnu-jar) into .venv/vnu for the HTML validity test, and Debian's
# Java and npm to run and fetch it, when they are missing. Used by `make test` (system-deps).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=26.9.27
PREFIX=.venv/vnu
PACKAGE=$PREFIX/node_modules/vnu-jar

missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian's ${missing[*]} for the HTML checker" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -f "$PACKAGE/build/dist/vnu.jar" ] \
    && [ "$(node -p "require('./$PACKAGE/package.json').version" 2>/dev/null)" = "$VERSION" ]; then
    exit 0
fi
echo "Installing vnu-jar $VERSION (the Nu Html Checker) into $PREFIX" >&2
mkdir -p "$PREFIX"
# --ignore-scripts: the package's postinstall would fetch a Java runtime; Debian's java runs the jar.
npm install --prefix "$PREFIX" --ignore-scripts --no-audit --no-fund --loglevel=error "vnu-jar@$VERSION" >/dev/null
test -f "$PACKAGE/build/dist/vnu.jar"
