"""`auditor_app.text`: control characters from packages are shown escaped, ordinary text as it is."""

from __future__ import annotations

import json

import pytest

from auditor_app.text import dumps_printable, printable


@pytest.mark.parametrize("text, shown", [
    ("Evil\x1b[31m Toys", "Evil\\x1b[31m Toys"),                 # ANSI colour (C0 ESC)
    ("a\x9b2Jb", "a\\x9b2Jb"),                                    # C1 CSI: some terminals obey it
    ("bell\x07", "bell\\x07"),
    ("del\x7f", "del\\x7f"),
    ("tab\tcr\rnul\x00", "tab\\tcr\\rnul\\x00"),
    ("abc\u202edcba", "abc\\u202edcba"),                          # right-to-left override
    ("zero\u200bwidth", "zero\\u200bwidth"),
    ("line\u2028sep", "line\\u2028sep"),
    ("bad\udcffname.jpg", "bad\\udcffname.jpg"),                  # undecodable byte of a file name
    ("private\U000f0000", "private\\U000f0000"),
    ("two\nlines", "two\\nlines"),
])
def test_non_printing_characters_are_escaped(text, shown):
    assert printable(text) == shown


@pytest.mark.parametrize("text", [
    "东莞欢乐玩具有限公司", "Dongguan Happy Toys Co., Ltd.", "Müller & Söhne — Ürün", "工厂\u3000车间",
    "C:\\photos\\fire exit.jpg", "naïve café 🙂", "",
])
def test_ordinary_text_is_left_as_it_is(text):
    assert printable(text) == text


def test_newlines_are_kept_only_when_asked():
    assert printable("one\ntwo\x1b", keep_newlines=True) == "one\ntwo\\x1b"
    assert printable("one\r\ntwo", keep_newlines=True) == "one\\r\ntwo"


def test_escaping_is_stable_when_applied_twice():
    once = printable("x\x1by\u202e")
    assert printable(once) == once


def test_json_output_has_no_raw_control_characters_and_reads_back_the_same():
    value = [{"name": "Evil\x1b[31m\x9b2J\u202e Toys", "local": "东莞\u3000玩具", "n": 3},
             {"emoji": "🙂", "private": "\U000f0000"}]
    out = dumps_printable(value, indent=2)
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\U000f0000" not in out
    assert "东莞\u3000玩具" in out and "🙂" in out  # printable text stays readable
    assert json.loads(out) == value
