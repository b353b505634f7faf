#!/bin/sh
# Runs a command with TMPDIR set to a directory of its own, removed when the command ends, so
# the throwaway HOMEs, stores and browser profiles that tests make (and the agents they start)
# leave nothing behind:
#   scripts/with-private-tmp.sh npx vitest run
# AWSAFE_KEEP_TMP=1 keeps the directory (its path is printed) to look into after a failure.
# The directory's name is short: a test HOME's agent socket lies some 60 characters below it, and
# a Unix socket's path must stay under 100.
set -eu
if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 64
fi
run_tmp=$(mktemp -d "${TMPDIR:-/tmp}/awt-XXXXXX")
if [ "${AWSAFE_KEEP_TMP:-}" = 1 ]; then
  echo "temporary files: $run_tmp" >&2
else
  trap 'rm -rf "$run_tmp"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
fi
status=0
TMPDIR="$run_tmp" "$@" || status=$?
exit "$status"
