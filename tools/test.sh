#!/usr/bin/env bash
# Sets up everything the tests need on a fresh machine, then runs them.
# LibreOffice (DOCX/ODT/PDF round trips), Chromium and its driver (HTML screenshots, the page of
# `serve`) and npm come from Debian's packages when missing; Python packages go into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Saknas: ${need[*]} (installera med apt-get; de tester som behöver dem hoppas över)" >&2
  fi
fi

# axe-core (accessibility rules, injected into the page by the browser test of `serve`), pinned by
# tools/node/package-lock.json, into a project-local folder
if [ ! -f tools/node/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --prefix tools/node --no-audit --no-fund --silent
  else
    echo "Saknas: npm (för axe-core; tillgänglighetstestet av serve hoppas över)" >&2
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'  # test includes every extra (all)
# Two workers (pytest-xdist); the tests of a module that builds its documents once share a worker
# (`xdist_group`). Options given to this script come last and win (e.g. `-n 0` for one process).
exec .venv/bin/python -m pytest -n 2 --dist loadgroup "$@"
