#!/bin/sh
# Installs Debian's Chromium for the browser tests. Needs root (CI and the dev machines run as root).
set -e
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "The browser tests need Chromium: run 'sudo apt-get install chromium' and try again." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
