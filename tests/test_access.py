"""The app is local by default; over the office network the Dữ liệu page asks for the administrator's password."""
import os
import re
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from dashboard import access

from browser_support import ROOT, free_port
from intake_support import copy_data, snapshot

CONFIG = ROOT / ".streamlit" / "config.toml"


def test_the_project_config_is_tracked_and_binds_to_this_computer():
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", ".streamlit/config.toml"], cwd=ROOT,
                             capture_output=True, text=True)
    assert tracked.returncode == 0, tracked.stderr
    ignored = subprocess.run(["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=ROOT)
    assert ignored.returncode == 0  # the password hash never reaches git
    settings = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert settings["server"]["address"] == "127.0.0.1"
    assert settings["browser"]["gatherUsageStats"] is False


def _listening(port: int) -> set[str]:
    """Local addresses listening on `port`, as `ss -ltn` shows them (read from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                if len(raw) == 4:
                    found.add(".".join(str(b) for b in raw[::-1]))
                else:
                    words = [raw[i:i + 4][::-1] for i in range(0, 16, 4)]
                    found.add(":".join(b"".join(words).hex()[i:i + 4] for i in range(0, 32, 4)))
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the Linux socket table")
def test_streamlit_run_listens_on_127_0_0_1_only(tmp_path):
    port = free_port()
    log = (tmp_path / "streamlit.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                             "--server.port", str(port)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "DASHBOARD_DB": str(tmp_path / "dashboard.duckdb")})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "streamlit.log").read_text()
                time.sleep(0.2)
        assert _listening(port) == {"127.0.0.1"}
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
    printed = (tmp_path / "streamlit.log").read_text()
    assert "External URL" not in printed and "Network URL" not in printed  # no lookup of the machine's public IP


def test_a_password_hash_checks_only_its_password():
    stored = access.password_hash("mật khẩu đủ dài")
    assert re.fullmatch(r"scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+", stored)
    assert access.check_password("mật khẩu đủ dài", stored)
    assert not access.check_password("mật khẩu đủ dài ", stored)
    assert access.password_hash("mật khẩu đủ dài") != stored  # a fresh salt each time
    for broken in ("", "plain", "scrypt$1$2$3$%%%$abc", stored.replace("scrypt", "md5")):
        assert not access.check_password("mật khẩu đủ dài", broken)


@pytest.mark.parametrize("address, local", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                            ("", False), (None, False), ("0.0.0.0", False), ("192.168.1.5", False)])
def test_local_only_addresses(address, local):
    assert access.is_local_only(address) is local


@pytest.fixture()
def served_to_the_network(tmp_path, monkeypatch):
    inputs, db = copy_data(tmp_path)
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path))
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    monkeypatch.delenv(access.ENVIRONMENT_VARIABLE, raising=False)
    before = streamlit_config.get_option("server.address")
    streamlit_config.set_option("server.address", "0.0.0.0")
    yield tmp_path, db
    streamlit_config.set_option("server.address", before)


def _data_page():
    return AppTest.from_file("../app_pages/data_entry.py", default_timeout=60).run()


def test_network_without_a_password_set_refuses_the_data_page(served_to_the_network):
    at = _data_page()
    assert not at.exception
    assert "chưa đặt mật khẩu" in at.error[0].value
    assert not at.get("file_uploader") and not at.tabs


def test_network_data_page_opens_only_with_the_right_password(served_to_the_network, monkeypatch):
    root, db = served_to_the_network
    before = snapshot(root, db)
    monkeypatch.setenv(access.ENVIRONMENT_VARIABLE, access.password_hash("mật khẩu của quản trị"))
    at = _data_page()
    assert not at.tabs and len(at.text_input) == 1
    at.text_input[0].input("đoán bừa")
    at.button[0].click().run()
    assert "Mật khẩu không đúng" in at.error[0].value and not at.tabs
    at.text_input[0].input("mật khẩu của quản trị")
    at.button[0].click().run()
    assert not at.exception and len(at.tabs) == 3 and at.title[0].value == "Thêm dữ liệu"  # documents, template, table
    assert snapshot(root, db) == before


def test_this_computer_needs_no_password(tmp_path, monkeypatch):
    inputs, db = copy_data(tmp_path)
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path))
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    before = streamlit_config.get_option("server.address")
    streamlit_config.set_option("server.address", "127.0.0.1")
    try:
        at = _data_page()
    finally:
        streamlit_config.set_option("server.address", before)
    assert not at.exception and len(at.tabs) == 3


def test_the_administrator_command_prints_a_hash_of_the_password(monkeypatch, capsys):
    import getpass

    from dashboard import __main__ as dashboard_cli

    answers = iter(["một mật khẩu dài", "một mật khẩu dài"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert dashboard_cli.main(["password"]) == 0
    line = capsys.readouterr().out.strip()
    settings = tomllib.loads(line)  # the line goes into .streamlit/secrets.toml as it is
    assert "một mật khẩu dài" not in line
    assert access.check_password("một mật khẩu dài", settings[access.SECRET_NAME])


def test_the_administrator_command_refuses_short_or_mistyped_passwords(monkeypatch, capsys):
    import getpass

    from dashboard import __main__ as dashboard_cli

    for answers in (["ngắn", "ngắn"], ["một mật khẩu dài", "mật khẩu khác hẳn"]):
        given = iter(answers)
        monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(given))
        assert dashboard_cli.main(["password"]) == 1
        assert capsys.readouterr().out == ""
