"""make cluster: the deploy guide's commands are the ones it runs, and it stops exactly what it started."""

import email
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.core.mail import EmailMessage

from cluster import run
from cluster.mailbox import EmailBackend

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def state(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "STATE", tmp_path)
    monkeypatch.setattr(run, "PIDS", tmp_path / "pids.json")
    return tmp_path


def test_deploy_guide_shows_the_commands_make_cluster_runs():
    guide = run.guide()
    text = (ROOT / "docs" / "deploy.md").read_text()
    assert guide in text, "docs/deploy.md differs from the cluster's steps: run `python -m cluster.run write-guide`"
    for command in [*run.NODE_BUILD_STEPS, *run.RELEASE_STEPS, run.SERVE_STEP, run.WORKER_STEP]:
        assert command in guide


def test_a_node_is_built_with_exactly_the_guides_steps(state, monkeypatch):
    ran = []

    def sh(command, env):
        ran.append((command, env["NODE"]))
        Path(env["NODE"]).mkdir(parents=True, exist_ok=True)

    monkeypatch.setattr(run, "sh", sh)
    monkeypatch.setattr(run, "release", lambda: "abc123")
    assert run.build_node(2) is True
    assert [command for command, _node in ran] == run.NODE_BUILD_STEPS
    assert {node for _command, node in ran} == {str(state / "node2")}
    # The same release is not built twice; a new one is.
    assert run.build_node(2) is False
    monkeypatch.setattr(run, "release", lambda: "def456")
    assert run.build_node(2) is True


def test_stop_ends_exactly_the_recorded_processes(state):
    env = {"PATH": os.environ["PATH"]}
    pid = run.start_process("sleeper", "exec sleep 60", env)
    stranger = subprocess.Popen(["sleep", "60"])
    try:
        assert run.alive("sleeper") == pid
        # A record whose pid now belongs to another program is left alone.
        pids = run._load_pids()
        pids["gone"] = {"pid": stranger.pid, "cmdline": "redis-server 127.0.0.1:6390"}
        run._save_pids(pids)
        assert run.alive("gone") is None
        assert run.stop() == ["sleeper"]
        time.sleep(0.2)
        assert run.alive("sleeper") is None
        assert not Path(f"/proc/{pid}").exists() or "sleep" not in run._cmdline(pid)
        assert stranger.poll() is None, "a process the cluster did not start was stopped"
        assert run._load_pids() == {}
    finally:
        stranger.send_signal(signal.SIGTERM)
        stranger.wait()


def test_haproxy_replaces_the_forwarded_address_and_checks_health(state):
    run.write_haproxy_config()
    config = (state / "haproxy.cfg").read_text()
    assert "http-request set-header X-Forwarded-For %[src]" in config
    assert "uri /health/" in config
    for node, port in run.NODE_PORTS.items():
        assert f"server node{node} 127.0.0.1:{port} check" in config
    if shutil.which("haproxy"):
        check = subprocess.run(["haproxy", "-c", "-f", str(state / "haproxy.cfg")], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_the_cluster_mailbox_delivers_each_message_as_one_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CLUSTER_MAILBOX", str(tmp_path))
    monkeypatch.setenv("CLUSTER_MAIL_SECONDS", "0")
    message = EmailMessage("Uw code", "Uw code is 12345-67890", to=["bewoner@cluster.example"])
    message.extra_headers["Message-ID"] = "<vast@wijkportaal.example>"
    assert EmailBackend().send_messages([message]) == 1
    files = list(tmp_path.glob("*.eml"))
    assert len(files) == 1 and not list(tmp_path.glob(".*.part"))
    delivered = email.message_from_bytes(files[0].read_bytes())
    assert delivered["To"] == "bewoner@cluster.example"
    assert delivered["Message-ID"] == "<vast@wijkportaal.example>"
