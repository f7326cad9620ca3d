#!/usr/bin/env bash
# The browser tests drive Debian's chromium; install it when absent. Never fail the run over it:
# without chromium those tests skip and say why.
if [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi
    { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium; } >/dev/null 2>&1 \
      || echo "chromium could not be installed; the browser tests will skip" >&2
  else
    echo "no apt-get: chromium not installed; the browser tests will skip" >&2
  fi
fi
exit 0
