#!/usr/bin/env bash
# Passes the whole test suite: unit, property and integration tests (those needing root or stock Kea say so and skip without them).
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
exec ./mvnw -B -ntp verify "$@"
