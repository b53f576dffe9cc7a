#!/usr/bin/env bash
# Kills `ringback serve` at random moments during start-up, over and over, on SQLite and (with
# RINGBACK_TEST_POSTGRES set, as .ci/start-postgres prints it) PostgreSQL: each round kills one start on a fresh
# database and one on a database in use, then requires the next start to serve /healthz within 10 s, the SQLite file
# to pass PRAGMA integrity_check and every contact the API acknowledged to be there. 25 rounds = 50 kills a provider.
# The test suite runs the same test with 3 rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
export RINGBACK_KILL_ROUNDS=${1:-25} RINGBACK_NEXT_START_SECONDS=10
dotnet test tests/Ringback.Tests --filter "FullyQualifiedName~StartupTests.Kills_at_random_moments" --logger "console;verbosity=detailed"
