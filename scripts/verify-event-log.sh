#!/usr/bin/env bash
# Verifies the event log's hash chain of a store no engine runs on, or of a backup (docs/security.md).
#
#   scripts/verify-event-log.sh [--key-file FILE] [--db NAME] BACKUP     a backup made by backup.sh (embedded kind)
#   scripts/verify-event-log.sh --store FILE [--db NAME]                 an embedded store file (engine stopped)
#   scripts/verify-event-log.sh --uri URI [--db NAME]                    a MongoDB database (e.g. a restored copy)
#
# An encrypted backup needs its key: --key-file FILE or BACKUP_KEY_FILE. A backup is unpacked into a temporary
# file first (its SHA-256 checked against the manifest); the original is never opened. Runs the verifier in the engine
# jar (ENGINE_JAR, default api/target/order-engine.jar; or ENGINE_CLASSPATH, a class path holding it). Prints
# "verified events=N head=<hex>" and exits 0, or "BROKEN position=P reason=..." and exits 1; exits 2 when it could
# not verify (no key, a backup that does not match its manifest, no verifier).
set -euo pipefail

usage() { sed -n '4,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

here="$(cd "$(dirname "$0")" && pwd)"
db="${ENGINE_STORE_DATABASE:-}"
key_file="${BACKUP_KEY_FILE:-}"
store=""
uri=""
backup=""
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store="$2"; shift 2 ;;
    --uri) uri="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    --key-file) key_file="$2"; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "verify: unknown option $1" >&2; usage ;;
    *) [ -z "$backup" ] || usage; backup="$1"; shift ;;
  esac
done

run_verifier() {
  local java="${JAVA:-java}"
  local main=io.orderengine.infrastructure.eventstore.VerifyEventLog
  if [ -n "${ENGINE_CLASSPATH:-}" ]; then
    "$java" -Daxoniq.update-checker.disabled=true -cp "$ENGINE_CLASSPATH" "$main" "$@"
  else
    local jar="${ENGINE_JAR:-$here/../api/target/order-engine.jar}"
    [ -f "$jar" ] || { echo "verify: no engine jar at $jar (build it, or set ENGINE_JAR)" >&2; exit 2; }
    "$java" -Daxoniq.update-checker.disabled=true -cp "$jar" -Dloader.main="$main" \
      org.springframework.boot.loader.launch.PropertiesLauncher "$@"
  fi
}

# Runs the verifier and prints its verdict line; its log lines only when it gave no verdict.
verdict() {
  local out rc=0
  out="$(run_verifier "$@" 2>&1)" || rc=$?
  if grep -qE '^(verified|BROKEN) ' <<<"$out"; then
    grep -E '^(verified|BROKEN) ' <<<"$out"
  else
    # no verdict: the verifier could not run (no jar, an older jar without it, a store it cannot open)
    echo "$out" >&2
    rc=2
  fi
  return "$rc"
}

if [ -n "$uri" ]; then
  rc=0; verdict --uri "$uri" --db "${db:-orderengine}" || rc=$?
  exit "$rc"
fi
if [ -n "$store" ]; then
  rc=0; verdict --store "$store" --db "${db:-orderengine}" || rc=$?
  exit "$rc"
fi
[ -n "$backup" ] || usage
[ -f "$backup" ] || { echo "verify: no backup at $backup" >&2; exit 2; }
[ -f "$backup.manifest" ] || { echo "verify: no manifest $backup.manifest" >&2; exit 2; }
field() { sed -n "s/^$1=//p" "$backup.manifest" | head -n 1; }
[ "$(field kind)" = embedded ] || {
  echo "verify: a $(field kind) backup is verified after restoring it: restore.sh does, or --uri on the copy" >&2
  exit 2
}
[ "$(sha256sum "$backup" | cut -d' ' -f1)" = "$(field sha256)" ] || {
  echo "verify: $backup does not match its manifest" >&2
  exit 2
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! "$here/backup-crypt.sh" decrypt "$backup" "$(field encryption)" "$key_file" | gzip -dc > "$work/engine.mv"; then
  echo "verify: $backup could not be unpacked" >&2
  exit 2
fi
rc=0; verdict --store "$work/engine.mv" --db "${db:-$(field database)}" || rc=$?
exit "$rc"
