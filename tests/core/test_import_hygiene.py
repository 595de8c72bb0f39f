"""The core never loads the UI: importing models, store, analytics leaves textual and rich out."""

import ast
import subprocess
import sys

import pytest

CORE = ["xiaobian", "xiaobian.models", "xiaobian.store", "xiaobian.store.info", "xiaobian.config",
        "xiaobian.i18n", "xiaobian.analytics", "xiaobian.timeutil", "xiaobian.sync.run",
        "xiaobian.sync.registry", "xiaobian.sanitize", "xiaobian.campaigns.crisis",
        "xiaobian.campaigns.postmortem", "xiaobian.campaigns.drill", "xiaobian.campaigns.giveaway",
        "xiaobian.voice", "xiaobian.planning.plan_csv", "xiaobian.planning.ics",
        "xiaobian.analytics.best_times"]
# xiaobian.live is core too, but httpx itself imports rich (for its own CLI) when rich is installed.


def _modules_after(code: str) -> list[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    result = subprocess.run([sys.executable, "-c", f"{code}; import sys; print(sorted(sys.modules))"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


def _top(module: str) -> str:
    return module.split(".")[0]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_ui(module):
    assert [m for m in _modules_after(f"import {module}") if _top(m) in ("textual", "rich")
            or m.startswith(("xiaobian.tui", "xiaobian.cli"))] == []


def test_the_app_starts_without_the_network_layer():
    """httpx and the platform clients load on the first reply or live sync, not at start-up."""
    assert [m for m in _modules_after("import xiaobian.tui.app") if _top(m) == "httpx"
            or m.startswith(("xiaobian.live", "xiaobian.sync"))] == []


def test_opening_the_app_imports_only_what_its_first_frame_needs():
    """Start-up pays for the command that runs and the queue, not for every subcommand's imports,
    nor for the reply editor and its voice checks, pydantic or sqlite-utils (they load in a
    thread once the first frame is up)."""
    loaded = _modules_after("import xiaobian.cli.main, xiaobian.cli.tui, xiaobian.tui.app")
    own = ("xiaobian.cli.main", "xiaobian.cli.context", "xiaobian.cli.tui")
    assert [m for m in loaded if (m.startswith("xiaobian.cli.") and m not in own)
            or m.startswith("xiaobian.voice") or m == "xiaobian.tui.screens.reply"
            or _top(m) in ("pydantic", "sqlite_utils")] == []


def test_every_command_module_is_registered():
    from pathlib import Path

    import xiaobian.cli
    from xiaobian.cli.main import COMMANDS

    helpers = {"__init__", "main", "context"}
    modules = {p.stem for p in Path(xiaobian.cli.__file__).parent.glob("*.py")} - helpers
    assert modules == set(COMMANDS)


def test_opening_a_current_database_and_reading_a_page_loads_neither_sqlite_utils_nor_pydantic(tmp_path):
    """The first frame and the thread pane need neither; Store.warm_up loads them in a thread
    after the first frame, for the first write."""
    from xiaobian.store import open_store

    path = tmp_path / "x.db"
    open_store(path, actor="me").close()
    first_page = (f"from xiaobian.store import open_store; from xiaobian.store.queue import QueueFilter; "
                  f"s = open_store({str(path)!r}, actor='me'); s.queue.page(QueueFilter()); "
                  "s.comments.count_needing_attention(); s.queue.thread(1); s.fans.perks('x', 'a')")
    heavy = ("sqlite_utils", "pydantic")
    assert [m for m in _modules_after(first_page) if _top(m) in heavy] == []
    assert set(heavy) <= {_top(m) for m in _modules_after(first_page + "; s.warm_up()")}
