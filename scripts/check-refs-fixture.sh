#!/usr/bin/env bash
# CI check of `check:refs`: make a small git repository, a content root whose lesson and card
# reference it, and check that every reference resolves; then move a symbol away and check that
# the command reports it (exit 1) with file:line.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
repo="$tmp/fixture-repo"
mkdir -p "$repo/pkg"
cat > "$repo/pkg/stream.py" <<'PY'
class EventStream:
    def __init__(self):
        self.subscribers = {}

    def add_event(self, event):
        for cb in self.subscribers.values():
            cb(event)


def run_loop(stream):
    return stream
PY
git -C "$repo" init -q
git -C "$repo" -c user.email=ci@example.invalid -c user.name=ci add -A
git -C "$repo" -c user.email=ci@example.invalid -c user.name=ci commit -qm fixture
sha=$(git -C "$repo" rev-parse HEAD)
content="$tmp/content"
mkdir -p "$content"
cat > "$content/sources.yaml" <<YAML
repositories:
  - id: fixture-repo
    name: Fixture
    clone: https://example.invalid/fixture-repo.git
    web: https://example.invalid/fixture-repo/blob/{commit}/{path}#L{line}-L{endLine}
    commit: $sha
YAML
cat > "$content/roadmap.yaml" <<'YAML'
id: refs-track
title: Refs
stages:
  - id: refs-stage
    title: Refs
    lessons: [refs-lesson]
YAML
cat > "$content/refs-lesson.md" <<'MD'
---
id: refs-lesson
title: Refs lesson
track: refs-track
stage: refs-stage
summary: References into the fixture repository.
status: published
minutes: 1
---
See [EventStream](code:fixture-repo/pkg/stream.py#EventStream),
[add_event](code:fixture-repo/pkg/stream.py#EventStream.add_event@L5-L7) and
[the loop](code:fixture-repo/pkg/stream.py#L10-L11).
MD
cat > "$content/refs.deck.md" <<'MD'
---
id: refs-deck
lesson: refs-lesson
---
## refs-card
type: basic
category: implementation

Where is [run_loop](code:fixture-repo/pkg/stream.py#run_loop)?
?
In `pkg/stream.py`.
MD
node dist/cli/checkRefs.js fixture-repo "$repo" "$content"
# break it: rename a method; the command must fail and name the lesson line
sed -i 's/def add_event/def put_event/' "$repo/pkg/stream.py"
if out=$(node dist/cli/checkRefs.js fixture-repo "$repo" "$content"); then
  echo "check:refs did not notice a missing symbol"; echo "$out"; exit 1
fi
echo "$out" | grep -q "refs-lesson.md:11: symbol \`EventStream.add_event\` not found" || { echo "unexpected output:"; echo "$out"; exit 1; }
echo "check:refs fixture: a missing symbol is reported with file:line, as expected"
