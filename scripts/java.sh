#!/usr/bin/env bash
# Java 17 for PySpark (the ltv.spark tests): nothing to do when `java -version` works; otherwise installs
# Debian's openjdk-17-jre-headless (non-interactive; root, or sudo without a password). Called by venv.sh.
set -euo pipefail
if java -version >/dev/null 2>&1; then
    exit 0
fi
echo "==> java not found: installing openjdk-17-jre-headless (apt-get) for the Spark tests"
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
run env DEBIAN_FRONTEND=noninteractive apt-get update -qq
run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless
java -version
