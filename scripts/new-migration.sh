#!/usr/bin/env bash
# Writes a new migration from the change to prisma/schema.prisma since the last commit.
# `migrate dev` and `migrate diff --from-migrations` fail with engine "js" (the wasm shadow database); a diff
# between two schema files works.
set -euo pipefail
name=${1:?usage: scripts/new-migration.sh NAME}
cd "$(dirname "$0")/.."
old=$(mktemp --suffix=.prisma)
trap 'rm -f "$old"' EXIT
git show HEAD:prisma/schema.prisma > "$old"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
npx prisma migrate diff --from-schema-datamodel "$old" --to-schema-datamodel prisma/schema.prisma --script > "$dir/migration.sql"
echo "wrote $dir/migration.sql"
