#!/bin/sh
# Cài các gói Python vào .venv (chỉ khi requirements.txt đổi) rồi chạy ứng dụng: sh run.sh [tùy chọn của streamlit]
set -eu
cd "$(dirname "$0")"
. ./scripts/venv.sh
ensure_venv requirements.txt
exec .venv/bin/python -m streamlit run app.py "$@"
