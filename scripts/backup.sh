#!/usr/bin/env bash
# Backs up the engine's store (docs/operations.md, "Backup and restore").
#
#   scripts/backup.sh [--store FILE] [--uri URI] [--db NAME] [--key-file FILE] OUTPUT
#
# Real MongoDB (--uri or MONGODB_URI set): mongodump of the engine's database into OUTPUT (gzip archive).
# Embedded store (otherwise): a gzip copy of the H2 file (--store, ENGINE_STORE_EMBEDDED_PATH, default
# ./data/engine.mv) into OUTPUT. The engine must be stopped: the file is consistent only once the engine has closed
# it, so the script refuses while any process has it open.
# --key-file FILE (or BACKUP_KEY_FILE): OUTPUT is encrypted (AES-256-CBC, key derived with PBKDF2 from the file's
# first line; scripts/backup-crypt.sh); restore.sh and verify-event-log.sh need the same file.
# Either way OUTPUT.manifest records the kind, the database, the time, the encryption and the SHA-256 of OUTPUT;
# restore.sh checks it.
set -euo pipefail

usage() { sed -n '4,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"

store="${ENGINE_STORE_EMBEDDED_PATH:-./data/engine.mv}"
uri="${MONGODB_URI:-}"
db="${ENGINE_STORE_DATABASE:-orderengine}"
key_file="${BACKUP_KEY_FILE:-}"
output=""
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store="$2"; shift 2 ;;
    --uri) uri="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    --key-file) key_file="$2"; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "backup: unknown option $1" >&2; usage ;;
    *) [ -z "$output" ] || usage; output="$1"; shift ;;
  esac
done
[ -n "$output" ] || usage
[ ! -e "$output" ] || { echo "backup: $output exists; choose a new name" >&2; exit 1; }
mkdir -p "$(dirname "$output")"

# Whether any process has FILE open (lsof where installed, else the /proc of Linux).
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

encryption=none
if [ -n "$key_file" ]; then
  [ -r "$key_file" ] || { echo "backup: key file $key_file is not readable" >&2; exit 1; }
  encryption="$("$here/backup-crypt.sh" scheme)"
fi
# stdin → stdout, encrypted when a key file was given
seal() {
  if [ -n "$key_file" ]; then "$here/backup-crypt.sh" encrypt "$key_file"; else cat; fi
}

created="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
if [ -n "$uri" ]; then
  command -v mongodump >/dev/null 2>&1 || { echo "backup: mongodump not found (MongoDB Database Tools)" >&2; exit 1; }
  mongodump --uri="$uri" --db="$db" --archive --gzip | seal > "$output.partial"
  mv "$output.partial" "$output"
  kind=mongodump
  source="mongodb database $db"
else
  [ -f "$store" ] || { echo "backup: no embedded store at $store" >&2; exit 1; }
  if in_use "$store"; then
    echo "backup: $store is open (is the engine running?); stop the engine first: the file is consistent only when closed" >&2
    exit 1
  fi
  gzip -c "$store" | seal > "$output.partial"
  mv "$output.partial" "$output"
  kind=embedded
  source="embedded store $(readlink -f "$store")"
fi

sum="$(sha256sum "$output" | cut -d' ' -f1)"
{
  echo "kind=$kind"
  echo "database=$db"
  echo "created=$created"
  echo "source=$source"
  echo "encryption=$encryption"
  echo "sha256=$sum"
} > "$output.manifest"
echo "backup: $kind backup of $source written to $output (encryption $encryption, $(wc -c < "$output") bytes, sha256 $sum)"
