#!/usr/bin/env bash
# Writes tokens.css beside this script from DADS' design tokens (デジタル庁デザインシステム),
# the npm package @digital-go-jp/design-tokens (MIT), at the version pinned below.
#
# The package is installed into a temporary directory, checked against the integrity pinned
# here, and its dist/tokens.css (every token as a CSS custom property) is copied unchanged under
# a header with the version and the package's licence. tokens.css is committed, so building the
# server needs no npm; run this only to move to another version (change VERSION and INTEGRITY,
# run, review the diff of tokens.css and the pages, commit both).
set -euo pipefail

PACKAGE=@digital-go-jp/design-tokens
VERSION=1.1.9
INTEGRITY=sha512-93zW/Gb4/pwb63W7r8RHWQdbLGap4heHt5unQQjaqP1OlPqRif146tvqtyJ2xPcot3pnndFY3ph1DC0Crwp6bg==

here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

npm install --prefix "$tmp" --no-save --ignore-scripts --no-audit --no-fund --loglevel=error \
  "$PACKAGE@$VERSION" >/dev/null
pkg="$tmp/node_modules/$PACKAGE"

# npm checked the tarball against the registry's own integrity; this checks it against ours,
# so a republished version cannot change the tokens silently.
got="$(node -e '
  const lock = require(process.argv[1]);
  const p = lock.packages["node_modules/" + process.argv[2]];
  console.log(p.version + " " + p.integrity);
' "$tmp/node_modules/.package-lock.json" "$PACKAGE")"
if [ "$got" != "$VERSION $INTEGRITY" ]; then
  echo "update-tokens.sh: expected $PACKAGE $VERSION $INTEGRITY, npm installed $got" >&2
  exit 1
fi

out="$here/tokens.css"
{
  printf '/* デジタル庁デザインシステム (DADS) design tokens: %s %s (npm), its\n' "$PACKAGE" "$VERSION"
  printf '   dist/tokens.css unchanged below this comment. Written by update-tokens.sh beside this\n'
  printf '   file; do not edit by hand (app.css maps the pages onto these names).\n\n'
  printf '   The package'"'"'s licence:\n\n'
  sed -e 's/\*\//* \//g' -e 's/^/   /' -e 's/[[:space:]]*$//' "$pkg/LICENSE"
  printf '*/\n'
  cat "$pkg/dist/tokens.css"
} >"$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out from $PACKAGE $VERSION"
