"""The core never loads the UI: importing models, store, analytics leaves textual and rich out."""

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


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_ui(module):
    code = (f"import sys, {module}; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
            " or m.startswith(('xiaobian.tui', 'xiaobian.cli'))); print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_app_starts_without_the_network_layer():
    """httpx and the platform clients load on the first reply or live sync, not at start-up."""
    code = ("import sys, xiaobian.tui.app; bad = sorted(m for m in sys.modules if m.split('.')[0] == 'httpx'"
            " or m.startswith(('xiaobian.live', 'xiaobian.sync'))); print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
