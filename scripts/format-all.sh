#!/usr/bin/env bash
# One-time formatting of the whole tree with Prettier (.prettierrc.json), run once after the branches
# that were open when the formatter arrived have merged. After it, `npm run verify` checks the format
# (`npm run format:check`) and `npm run format` fixes it.
set -euo pipefail
cd "$(dirname "$0")/.."
npx prettier --write . >/dev/null
npx prettier --check .
npm run typecheck
npm run lint
echo "Formatted. Review with 'git diff --stat', then commit as one formatting-only commit."
