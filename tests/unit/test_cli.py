"""The command line as a user meets it: output, exit codes, one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui.cli import main

ZHONGSHAN = "004_6bb9f26cce05989c"
CHONGQING = "000_cd5ba6057e19a2ed"


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_list_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--json"]) == 0
    articles = json.loads(capsys.readouterr().out)
    assert len(articles) == 5
    required = {"id", "title", "date", "time", "source", "authors", "editors", "regions", "cities", "script", "path", "title_derived"}
    assert all(required <= set(a) for a in articles)
    dates = [a["date"] for a in articles]
    assert dates == sorted(dates, reverse=True)
    qingdao = next(a for a in articles if a["id"] == "002_bc07126ef046bbd8")
    assert (qingdao["date"], qingdao["source"]) == ("2024-03-27", "大众网")
    assert {r["code"] for r in qingdao["regions"]} == {"CN-SD", "CN-HK"}
    assert set(qingdao["regions"][0]) == {"code", "name", "name_en"}


@pytest.mark.parametrize("region", ["CN-CQ", "cn-cq", "Chongqing", "重庆", "重慶", "渝"])
def test_region_accepts_code_and_names(region: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--region", region, "--json"]) == 0
    assert [a["id"] for a in json.loads(capsys.readouterr().out)] == [CHONGQING]


def test_list_filters_combine(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--region", "CN-HK", "--since", "2024-01-01", "--until", "2024-12-31", "--json"]) == 0
    ids = {a["id"] for a in json.loads(capsys.readouterr().out)}
    assert ids == {CHONGQING, "002_bc07126ef046bbd8", ZHONGSHAN}


def test_search_is_script_insensitive(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--search", "重庆造", "--json"]) == 0
    assert [a["id"] for a in json.loads(capsys.readouterr().out)] == [CHONGQING]


def test_list_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "5 of 5 articles" in out
    assert "2024-03-27" in out


def test_list_empty_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--search", "没有这样的文字"]) == 0
    assert "No articles match" in capsys.readouterr().out


def test_show_zhongshan_has_no_converter_pinyin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", ZHONGSHAN]) == 0
    out = capsys.readouterr().out
    assert "企業家" in out and "(yè)" not in out


def test_show_in_simplified(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", CHONGQING, "--script", "simplified"]) == 0
    assert "重庆造" in capsys.readouterr().out


def test_show_ruby_puts_syllables_above_characters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", CHONGQING, "--script", "simplified", "--pinyin", "ruby", "--width", "60"]) == 0
    lines = capsys.readouterr().out.split("\n")
    top, bottom = next((a, b) for a, b in zip(lines, lines[1:]) if "chóng" in a and "重" in b)
    start = cell_len(top[: top.index("chóng")])
    under = cell_len(bottom[: bottom.index("重")])
    assert start <= under and under + 2 <= start + len("chóng")
    assert all(cell_len(line) <= 60 for line in lines)


def test_show_inline_pinyin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", CHONGQING, "--pinyin", "inline"]) == 0
    assert "(chóngqìng)" in capsys.readouterr().out


def test_hostile_article_text_is_printed_as_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "x.txt").write_text("标题[/]在这里\n2024-01-01\n正文[bold]含有\x1b[31m转义\x1b]0;pwned\x07序列。\n", encoding="utf-8")
    assert main(["show", "x", "--library", str(lib)]) == 0
    out = capsys.readouterr().out
    assert "标题[/]在这里" in out and "正文[bold]含有" in out
    assert "\x1b" not in out and "\x07" not in out


def test_convert(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(monkeypatch, "重庆银行发展\n".encode())
    assert main(["convert", "--to", "hk"]) == 0
    assert capsys.readouterr().out == "重慶銀行發展\n"


def test_pinyin_reads_traditional_through_simplified(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(monkeypatch, "重慶銀行, OK\n\n覺得\n".encode())
    assert main(["pinyin"]) == 0
    assert capsys.readouterr().out == "chóng qìng yín háng\n\njué de\n"


def test_pinyin_numbers(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(monkeypatch, "长江的\n".encode())
    assert main(["pinyin", "--numbers"]) == 0
    assert capsys.readouterr().out == "chang2 jiang1 de5\n"


def test_library_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "one.txt").write_text("只有一篇\n2024-01-01\n正文在这里。\n", encoding="utf-8")
    monkeypatch.setenv("ZHREADER_LIBRARY", str(lib))
    assert main(["list", "--json"]) == 0
    assert [a["id"] for a in json.loads(capsys.readouterr().out)] == ["one"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--library", "/no/such/folder"], "library folder not found"),
        (["list", "--since", "2024-02-30"], "not a real date"),
        (["list", "--until", "tomorrow"], "YYYY-MM-DD"),
        (["list", "--since", "2024-05-01", "--until", "2024-01-01"], "after --until"),
        (["list", "--region", "Atlantis"], "unknown region"),
        (["show", "no-such-id"], "no article with id"),
        (["show", CHONGQING, "--script", "klingon"], "invalid choice"),
        (["list", "--bogus"], "unrecognized arguments"),
        (["convert"], "required"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr


def test_binary_stdin_is_refused() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "pinyin"], input=b"\x00\x01\x02" * 50, capture_output=True, timeout=60
    )
    assert result.returncode == 2
    assert len(result.stderr.decode().strip().splitlines()) == 1


def test_skipped_files_warn_one_line_each(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "ok.txt").write_text("标题在这里\n2024-01-01\n正文。\n", encoding="utf-8")
    (lib / "empty.txt").write_bytes(b"")
    result = run_cli("list", "--json", "--library", str(lib))
    assert result.returncode == 0
    assert [a["id"] for a in json.loads(result.stdout)] == ["ok"]
    assert result.stderr.strip().splitlines() == [f"zhreader: skipped {lib / 'empty.txt'}: empty file"]


def test_every_command_has_help() -> None:
    for command in ["list", "show", "convert", "pinyin"]:
        result = run_cli(command, "--help")
        assert result.returncode == 0 and "usage:" in result.stdout
