"""Where plugins come from, in what order they run, and how to switch them off."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.build import load_site
from briefgen.testing import write_files

RECORDER = """
from briefgen import hookimpl

@hookimpl
def briefgen_build_start(site):
    site.data.setdefault("calls", []).append("{name}")
"""


def local_site(tmp_path: Path, site_yml: str = "title: T\n") -> Path:
    return write_files(
        tmp_path,
        {
            "site.yml": site_yml,
            "plugins/zeta.py": RECORDER.replace("{name}", "zeta"),
            "plugins/alpha.py": RECORDER.replace("{name}", "alpha"),
            "plugins/_helper.py": "raise RuntimeError('never imported')\n",
        },
    )


def names(site) -> list[str]:
    return [i.name for i in site.plugins.enabled]


def test_bundled_plugins_come_from_entry_points() -> None:
    from briefgen.plugins import discover

    infos = {i.name: i for i in discover(Path("/nonexistent"))}
    for name in ("entities", "factchecks", "quotes"):
        assert infos[name].origin == "bundled"
        assert infos[name].module is not None


def test_entry_points_then_local_files_sorted(tmp_path: Path) -> None:
    site = load_site(local_site(tmp_path))
    order = names(site)
    assert order[-2:] == ["alpha", "zeta"]
    assert order[:3] == ["entities", "factchecks", "quotes"]
    assert site.data["calls"] == ["alpha", "zeta"]
    assert len(order) == len(set(order)), "a plugin was loaded twice"


def test_site_yml_orders_and_disables(tmp_path: Path) -> None:
    yml = "title: T\nplugins:\n  zeta: {}\n  quotes: false\n"
    site = load_site(local_site(tmp_path, yml))
    order = names(site)
    assert order[0] == "zeta" and "quotes" not in order
    assert site.data["calls"] == ["zeta", "alpha"]


def test_tryfirst_and_trylast_move_a_hook_whatever_the_order(tmp_path: Path) -> None:
    late = RECORDER.replace("{name}", "late").replace("@hookimpl", "@hookimpl(trylast=True)")
    early = RECORDER.replace("{name}", "early").replace("@hookimpl", "@hookimpl(tryfirst=True)")
    write_files(tmp_path, {"plugins/late.py": late, "plugins/early.py": early})
    yml = "title: T\nplugins:\n  late: {}\n  zeta: {}\n"
    site = load_site(local_site(tmp_path, yml))
    assert names(site)[:2] == ["late", "zeta"]  # the order itself is unchanged
    assert site.data["calls"] == ["early", "zeta", "alpha", "late"]


def test_environment_variable_restricts_loading(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "alpha")
    site = load_site(local_site(tmp_path))
    assert names(site) == ["alpha"]
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "")
    assert names(load_site(tmp_path)) == []


def test_broken_plugin_is_skipped_with_the_escape_hatch(tmp_path: Path, monkeypatch) -> None:
    local_site(tmp_path)
    (tmp_path / "plugins/broken.py").write_text("import no_such_module\n")
    from briefgen.errors import PluginError

    with pytest.raises(PluginError, match="'broken' failed to import"):
        load_site(tmp_path)
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "alpha,zeta")
    assert names(load_site(tmp_path)) == ["alpha", "zeta"]


def test_local_plugin_may_not_shadow_an_installed_one(tmp_path: Path) -> None:
    local_site(tmp_path)
    (tmp_path / "plugins/quotes.py").write_text("")
    from briefgen.errors import PluginError

    with pytest.raises(PluginError, match="same name as an installed plugin"):
        load_site(tmp_path)


def test_plugins_command_lists_origin_version_hooks_and_errors(tmp_path: Path, run_cli) -> None:
    local_site(tmp_path)
    (tmp_path / "plugins/broken.py").write_text("x = 1/0\n")
    code, out, err = run_cli("plugins", "--source", tmp_path)
    assert code == 0, err
    assert "alpha local [local plugins/alpha.py]" in out
    assert "hooks: briefgen_build_start" in out
    assert "broken" in out and "failed to import: ZeroDivisionError" in out
    assert "entities 0." in out and "[bundled]" in out


def test_hook_reference_is_generated_and_current(run_cli) -> None:
    from briefgen import hookspecs
    from briefgen.hookdoc import hook_names, hook_reference

    for name in hook_names():
        doc = getattr(hookspecs, name).__doc__ or ""
        assert "When:" in doc, f"{name} has no docstring saying when it runs"
    docs = Path(__file__).parent.parent / "docs" / "hooks.md"
    assert docs.read_text() == hook_reference(markdown=True), (
        "docs/hooks.md is stale: run `briefgen hooks --markdown > docs/hooks.md`"
    )
    code, out, _ = run_cli("hooks")
    assert code == 0 and "briefgen_annotate(article, site, settings)" in out


def test_hooks_may_take_the_plugins_own_settings(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "renamed_file")
    write_files(
        tmp_path,
        {
            "site.yml": "title: T\nplugins:\n  renamed_file:\n    colour: red\n",
            "plugins/renamed_file.py": (
                "from briefgen import Setting, hookimpl\n\n"
                "@hookimpl\ndef briefgen_settings():\n"
                "    return {'colour': Setting(str, 'blue')}\n\n"
                "@hookimpl\ndef briefgen_build_start(site, settings):\n"
                "    site.data['seen'] = settings['colour']\n"
            ),
        },
    )
    assert load_site(tmp_path).data["seen"] == "red"
