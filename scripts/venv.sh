# Shared by run.sh and test.sh (sourced, POSIX sh): a virtual environment in .venv with the pinned packages.

fail() { echo "Lỗi: $1" >&2; exit 1; }

# Runs a command as root: directly when we are root (CI, containers), else through sudo when there is one.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else return 1
  fi
}

# The project needs Python 3.11 or newer (pandas 3, numpy 2).
find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
       && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  fail "Cần Python 3.11 trở lên (python3 --version): cài gói python3 của Debian hoặc Python từ python.org."
}

# Makes .venv if missing and installs the given requirements file when it changed since the last install.
ensure_venv() {
  requirements="$1"
  if [ ! -x .venv/bin/python ]; then
    python=$(find_python)
    rm -rf .venv
    if ! "$python" -m venv .venv >/dev/null 2>&1; then
      # Debian ships venv's pip bootstrap apart, in python3-venv (python3.11-venv).
      rm -rf .venv
      version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
      as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python$version-venv" \
        || fail "Không tạo được môi trường ảo .venv: chạy 'sudo apt-get install -y python$version-venv' rồi chạy lại."
      "$python" -m venv .venv || fail "Không tạo được môi trường ảo .venv bằng $python."
    fi
  fi
  stamp=".venv/installed-$(basename "$requirements" .txt)"
  wanted=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Đang cài các gói Python vào .venv ($requirements)…"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements" \
      || fail "Không cài được các gói trong $requirements (xem lỗi của pip ở trên)."
    echo "$wanted" > "$stamp"
  fi
}
