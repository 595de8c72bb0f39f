"""Connecting an account and syncing it live, as a user does it from the shell."""

from __future__ import annotations

import stat

from click.testing import CliRunner

from xiaobian.cli.main import cli
from xiaobian.live.accounts import accounts_file
from xiaobian.timeutil import now_iso

from .fake_fediverse import TOKEN, notification, status


def _run(db_path, *args, input=None, env=None):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], input=input, env=env,
                              catch_exceptions=False)


def test_add_list_sync_remove(db_path, mastodon):
    mastodon.add(notification(1), notification(2, "瓶蓋破了，要退款"))
    mastodon.statuses = [status(1, favourites=8, created=now_iso())]  # the CLI syncs at the real time
    added = _run(db_path, "account", "add", "mastodon", "@shop", "--server", mastodon.url, input=f"{TOKEN}\n")
    assert added.exit_code == 0, added.output
    assert stat.S_IMODE(accounts_file().stat().st_mode) == 0o600
    listed = _run(db_path, "account", "list")
    assert "@shop" in listed.output and "token stored" in listed.output and TOKEN not in listed.output
    synced = _run(db_path, "sync", "--live")
    assert synced.exit_code == 0, synced.output
    assert "mastodon:@shop: 2 new, 0 updated, 0 unchanged" in synced.output
    assert "our posts: counts of 1 read" in synced.output
    history = _run(db_path, "sync", "--history")
    assert "mastodon-api" in history.output and "done" in history.output
    removed = _run(db_path, "account", "remove", "@shop")
    assert removed.exit_code == 0 and TOKEN not in accounts_file().read_text()


def test_token_from_the_environment_is_never_stored(db_path, mastodon):
    mastodon.add(notification(1))
    _run(db_path, "account", "add", "mastodon", "@shop", "--server", mastodon.url, "--token-env", "SHOP_TOKEN")
    assert TOKEN not in accounts_file().read_text()
    missing = _run(db_path, "sync", "--live", env={"SHOP_TOKEN": ""})
    assert missing.exit_code == 1 and "SHOP_TOKEN" in missing.output
    synced = _run(db_path, "sync", "--live", "@shop", env={"SHOP_TOKEN": TOKEN})
    assert "1 new" in synced.output


def test_mistakes_are_one_line(db_path, mastodon):
    assert "no connected accounts" in _run(db_path, "sync", "--live").output
    assert "must start with https://" in _run(db_path, "account", "add", "mastodon", "@a", "--server",
                                              "ftp://x", input="t\n").output
    _run(db_path, "account", "add", "mastodon", "@shop", "--server", mastodon.url, input=f"{TOKEN}\n")
    unknown = _run(db_path, "sync", "--live", "@nobody")
    assert unknown.exit_code == 1 and "@nobody" in unknown.output
    accounts_file().chmod(0o644)
    loose = _run(db_path, "sync", "--live")
    assert loose.exit_code == 1 and "chmod 600" in loose.output


def test_watch_keeps_pulling_and_survives_a_bad_round(db_path, mastodon, monkeypatch):
    import time

    _run(db_path, "account", "add", "mastodon", "@shop", "--server", mastodon.url, input=f"{TOKEN}\n")
    mastodon.add(notification(1))
    rounds = []

    def next_round(seconds):
        rounds.append(seconds)
        if len(rounds) == 1:
            mastodon.token = "revoked"  # round 2 fails: printed, the watch goes on
        elif len(rounds) == 2:
            mastodon.token = TOKEN
            mastodon.add(notification(2))
        else:
            raise KeyboardInterrupt  # the user stops the pane

    monkeypatch.setattr(time, "sleep", next_round)
    result = _run(db_path, "sync", "--live", "--watch", "--interval", "30")
    assert result.exit_code == 0
    assert rounds == [30, 30, 30]
    assert "1 new" in result.output and "refused the token" in result.output
    assert result.output.count("mastodon:@shop:") == 2


def test_bluesky_defaults_to_the_main_server(db_path):
    added = _run(db_path, "account", "add", "bluesky", "shop.bsky.social", input="abcd-efgh-ijkl-mnop\n")
    assert added.exit_code == 0, added.output
    assert "https://bsky.social" in _run(db_path, "account", "list").output

