#!/bin/bash
# The `newswire` binary's front door: per-command help, directories as
# input, and the exit status when input is rejected. Run by ctest from the
# repository root: cli_test.sh PATH_TO_NEWSWIRE
set -u
NEWSWIRE="$1"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_status WANT CMD...: runs CMD (stdout to $TMP/out, stderr to
# $TMP/err) and checks its exit status.
expect_status() {
  local want="$1"; shift
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  [[ $got == "$want" ]] || fail "$* exited $got, want $want: $(head -c 400 "$TMP/err")"
}
has() { grep -q -- "$2" "$TMP/$1" || fail "$1 lacks '$2'"; }
lacks() { ! grep -q -- "$2" "$TMP/$1" || fail "$1 has '$2'"; }

# Help: each command lists its own flags and no one else's.
expect_status 0 "$NEWSWIRE" tag --help
has out "usage: newswire tag"; has out "--conll"; has out "--ner_model"
lacks out "--brokers"; lacks out "--sasl_username"; lacks out "--window_hours"
expect_status 0 "$NEWSWIRE" help publish
has out "--topic"; has out "--format"; has out "--brokers"; lacks out "--conll"
expect_status 0 "$NEWSWIRE" process --help
has out "--allow_rejected"; has out "--max_documents"
has out "--max_nesting_depth"; lacks out "--brokers"
expect_status 0 "$NEWSWIRE" help
has out "train-sentiment"; has out "newswire help COMMAND"
for cmd in process publish tail tag train-ner sentiment train-sentiment; do
  expect_status 0 "$NEWSWIRE" help "$cmd"
  lacks out "unknown flag"
done
# Commands that take flags only refuse a stray argument before any work.
for cmd in train-ner sentiment train-sentiment; do
  expect_status 2 "$NEWSWIRE" "$cmd" stray-argument
  has err "not 'stray-argument'"
done
expect_status 2 "$NEWSWIRE" help no-such-command
expect_status 2 "$NEWSWIRE" no-such-command

# A directory is walked in sorted order, skipping dotfiles and README.
mkdir -p "$TMP/feed/sub"
cp testdata/sample_feed/01-ferry-strike.txt "$TMP/feed/b.txt"
cp testdata/sample_feed/03-market-close.txt "$TMP/feed/sub/c.txt"
cp testdata/sample_feed/07-storm.ninjs.json "$TMP/feed/a.json"
echo "not wire copy" >"$TMP/feed/README.md"
echo "not wire copy" >"$TMP/feed/.hidden"
expect_status 0 "$NEWSWIRE" process "$TMP/feed"
[[ $(wc -l <"$TMP/out") == 3 ]] || fail "process DIR printed $(wc -l <"$TMP/out") records, want 3"
has err "processed 3 file(s): 3 articles"
# a.json (a storm), b.txt (a ferry strike), sub/c.txt (stocks close).
order="$(grep -n -o -i -e storm -e ferry -e "stocks close" "$TMP/out" | awk -F: '!seen[$1]++ { print $2 }' | tr 'A-Z\n' 'a-z ')"
[[ $order == "storm ferry stocks close " ]] || fail "process DIR order: $order"

# A rejected input makes the exit status 1 unless --allow_rejected.
: >"$TMP/feed/empty.txt"
expect_status 1 "$NEWSWIRE" process "$TMP/feed"
has err "empty.txt: payload.empty"; has err "1 rejected"; has err "--allow_rejected"
[[ $(wc -l <"$TMP/out") == 3 ]] || fail "the good files are still processed"
expect_status 0 "$NEWSWIRE" process --allow_rejected "$TMP/feed"

# Missing paths and empty directories fail before any work.
expect_status 2 "$NEWSWIRE" process "$TMP/no-such-file"
has err "no-such-file: no such file or directory"
mkdir "$TMP/empty-dir"
expect_status 2 "$NEWSWIRE" process "$TMP/empty-dir"
has err "directory holds no input file"
expect_status 2 "$NEWSWIRE" publish --brokers=127.0.0.1:1 "$TMP/no-such-file"
has err "no-such-file: no such file or directory"

# A missing model file is an error naming the file, in every command that
# loads one (never a silent fallback).
for flag in ner_model sentiment_model gazetteer; do
  expect_status 1 "$NEWSWIRE" process --"$flag=$TMP/absent-$flag" \
    testdata/sample_feed/01-ferry-strike.txt
  has err "absent-$flag"
done
printf 'EU NNP B-NP B-ORG\n' >"$TMP/one.conll"
expect_status 1 "$NEWSWIRE" tag --ner_model="$TMP/absent.model" --conll "$TMP/one.conll"
has err "absent.model"
echo "Prices rose." | expect_status 1 "$NEWSWIRE" sentiment --sentiment_model="$TMP/absent.nwsm"
has err "absent.nwsm"

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
