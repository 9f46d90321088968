#!/bin/sh
# Cài những gì kiểm thử cần (Chromium của Debian nếu thiếu, các gói Python vào .venv) rồi chạy toàn bộ kiểm thử.
# sh test.sh [tùy chọn của pytest]
set -eu
cd "$(dirname "$0")"
. ./scripts/venv.sh
# Browser tests drive Debian's chromium; PDF tests write with the DejaVu font. Installed only when missing,
# as root or through sudo: never a browser downloaded by a test tool.
if ! command -v chromium >/dev/null 2>&1 || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core \
    || fail "Cần Chromium và phông DejaVu của Debian cho kiểm thử trình duyệt: chạy 'sudo apt-get install -y chromium fonts-dejavu-core' (cần quyền quản trị) rồi chạy lại."
fi
ensure_venv requirements-test.txt
mkdir -p artifacts
exec .venv/bin/python -m pytest --junitxml=artifacts/junit.xml "$@"
