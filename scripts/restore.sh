#!/usr/bin/env bash
# Restores a backup made by backup.sh into a fresh store (docs/operations.md, "Backup and restore").
#
#   scripts/restore.sh [--store FILE] [--uri URI] [--db NAME] [--key-file FILE] [--skip-verify] [--force] BACKUP
#
# The backup's manifest (BACKUP.manifest) says what it is; its SHA-256 is checked first. An encrypted backup needs
# its key file (--key-file or BACKUP_KEY_FILE). After restoring, the event log's hash chain of the copy is verified
# (scripts/verify-event-log.sh; needs the engine jar, ENGINE_JAR): an embedded backup whose chain is broken is not
# restored (exit 3; --skip-verify restores it anyway, e.g. for forensics), a mongodump one is restored and exits 3.
# Embedded backup: written to the H2 file --store (ENGINE_STORE_EMBEDDED_PATH, default ./data/engine.mv), which must
# not exist yet (--force replaces it) and must not be open. Start the engine on that file afterwards.
# mongodump backup: mongorestore into database --db (ENGINE_STORE_DATABASE, default: the backed-up name) of --uri
# (MONGODB_URI); --force drops the collections it restores first.
set -euo pipefail

usage() { sed -n '4,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"

store="${ENGINE_STORE_EMBEDDED_PATH:-./data/engine.mv}"
uri="${MONGODB_URI:-}"
db="${ENGINE_STORE_DATABASE:-}"
force=false
skip_verify=false
key_file="${BACKUP_KEY_FILE:-}"
backup=""
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store="$2"; shift 2 ;;
    --uri) uri="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    --force) force=true; shift ;;
    --skip-verify) skip_verify=true; shift ;;
    --key-file) key_file="$2"; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "restore: unknown option $1" >&2; usage ;;
    *) [ -z "$backup" ] || usage; backup="$1"; shift ;;
  esac
done
[ -n "$backup" ] || usage
[ -f "$backup" ] || { echo "restore: no backup at $backup" >&2; exit 1; }
[ -f "$backup.manifest" ] || { echo "restore: no manifest $backup.manifest" >&2; exit 1; }

field() { sed -n "s/^$1=//p" "$backup.manifest" | head -n 1; }
kind="$(field kind)"
expected="$(field sha256)"
actual="$(sha256sum "$backup" | cut -d' ' -f1)"
if [ "$expected" != "$actual" ]; then
  echo "restore: $backup does not match its manifest (sha256 $actual, expected $expected); not restoring" >&2
  exit 1
fi

encryption="$(field encryption)"

# Verifies the chain with the engine's verifier: 0 verified, 3 broken; says so when the verifier is not at hand.
verify_chain() {
  local out rc=0
  if [ "$skip_verify" = true ]; then
    echo "restore: event log not verified (--skip-verify)" >&2
    return 0
  fi
  out="$("$here/verify-event-log.sh" "$@" 2>&1)" || rc=$?
  case "$rc" in
    0) echo "restore: event log $out" ;;
    1) echo "restore: the restored event log does NOT verify: $out" >&2; return 3 ;;
    *) echo "restore: event log NOT verified ($out); run scripts/verify-event-log.sh on the copy" >&2 ;;
  esac
}

in_use() {
  local file
  file="$(readlink -f "$1")"
  if command -v lsof >/dev/null 2>&1; then
    lsof -t -- "$file" >/dev/null 2>&1 && return 0
    return 1
  fi
  local fd
  for fd in /proc/[0-9]*/fd/*; do
    [ "$(readlink "$fd" 2>/dev/null)" = "$file" ] && return 0
  done
  return 1
}

case "$kind" in
  embedded)
    if [ -e "$store" ]; then
      if [ "$force" != true ]; then
        echo "restore: $store exists; restore into a fresh path, or pass --force to replace it" >&2
        exit 1
      fi
      if in_use "$store"; then
        echo "restore: $store is open (is an engine running on it?); stop it first" >&2
        exit 1
      fi
    fi
    mkdir -p "$(dirname "$store")"
    "$here/backup-crypt.sh" decrypt "$backup" "$encryption" "$key_file" | gzip -dc > "$store.partial"
    # verified on a scratch copy: opening a store file rewrites parts of it, the restored file stays as backed up
    scratch="$(mktemp -d)"
    cp "$store.partial" "$scratch/engine.mv"
    verified=0
    verify_chain --store "$scratch/engine.mv" --db "$(field database)" || verified=$?
    rm -rf "$scratch"
    if [ "$verified" -ne 0 ]; then
      rm -f "$store.partial"
      exit "$verified"
    fi
    mv "$store.partial" "$store"
    echo "restore: embedded store restored to $store; start the engine with --engine.store.embedded-path=$store" \
         "--engine.store.database=$(field database)"
    ;;
  mongodump)
    [ -n "$uri" ] || { echo "restore: a mongodump backup needs --uri or MONGODB_URI" >&2; exit 1; }
    command -v mongorestore >/dev/null 2>&1 || { echo "restore: mongorestore not found (MongoDB Database Tools)" >&2; exit 1; }
    source_db="$(field database)"
    target_db="${db:-$source_db}"
    drop=()
    [ "$force" = true ] && drop=(--drop)
    "$here/backup-crypt.sh" decrypt "$backup" "$encryption" "$key_file" |
    mongorestore --uri="$uri" --archive --gzip --nsInclude="$source_db.*" \
      --nsFrom="$source_db.*" --nsTo="$target_db.*" ${drop[@]+"${drop[@]}"}
    verify_chain --uri "$uri" --db "$target_db"
    echo "restore: database $source_db restored as $target_db; start the engine with ENGINE_STORE_DATABASE=$target_db"
    ;;
  *)
    echo "restore: unknown backup kind '$kind' in $backup.manifest" >&2
    exit 1
    ;;
esac
