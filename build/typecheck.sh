#!/usr/bin/env bash
# Type-checks each layer against its own tsconfig: a layer that reaches for an API its layer may not
# use (DOM in services, Node in the contract or renderer) fails to compile.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for project in build kernel kernel/node contract platform-wire/model platform-wire content-bundle/model content-bundle hardware services host electron/main electron/preload content operator platform-sim console/wire console/shared console/server tests; do
  [ -f "$project/tsconfig.json" ] || continue
  echo "typecheck: $project"
  npx tsc --noEmit -p "$project/tsconfig.json" || status=1
done
echo "typecheck: renderer (vue-tsc)"
npx vue-tsc --noEmit -p renderer/tsconfig.json || status=1
echo "typecheck: console/ui (vue-tsc)"
npx vue-tsc --noEmit -p console/ui/tsconfig.json || status=1
exit $status
