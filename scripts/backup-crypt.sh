#!/usr/bin/env bash
# Encryption of backups, shared by backup.sh, restore.sh and verify-event-log.sh (docs/operations.md).
#
#   backup-crypt.sh encrypt KEY_FILE          stdin → stdout, AES-256-CBC with a PBKDF2 key from KEY_FILE
#   backup-crypt.sh decrypt FILE SCHEME KEY   FILE → stdout; SCHEME is the manifest's encryption= (empty: none)
#
# The scheme is openssl enc -aes-256-cbc -pbkdf2 -iter 200000 -salt, the passphrase being the first line of the key
# file (keep it outside the backup's storage; lose it and the backup is unreadable).
set -euo pipefail

SCHEME=aes-256-cbc-pbkdf2
ITER=200000

case "${1:-}" in
  encrypt)
    key="${2:-}"
    [ -r "$key" ] || { echo "backup: key file $key is not readable" >&2; exit 1; }
    openssl enc -aes-256-cbc -pbkdf2 -iter "$ITER" -salt -pass "file:$key"
    ;;
  decrypt)
    file="$2"; scheme="${3:-}"; key="${4:-}"
    if [ -z "$scheme" ] || [ "$scheme" = none ]; then
      cat "$file"
    elif [ "$scheme" = "$SCHEME" ]; then
      [ -n "$key" ] && [ -r "$key" ] || {
        echo "the backup is encrypted ($scheme): give its key with --key-file or BACKUP_KEY_FILE" >&2
        exit 1
      }
      openssl enc -d -aes-256-cbc -pbkdf2 -iter "$ITER" -pass "file:$key" -in "$file" || {
        echo "the backup could not be decrypted with $key (wrong key?)" >&2
        exit 1
      }
    else
      echo "unknown backup encryption '$scheme'" >&2
      exit 1
    fi
    ;;
  scheme) echo "$SCHEME" ;;
  *) sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
