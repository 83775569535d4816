"""The one Jinja2 environment (templating.py): it escapes, refuses an undefined name, and keeps
compiled templates apart for environments whose settings compile differently."""

from __future__ import annotations

import jinja2
import pytest

from jobpacket.templating import bytecode_cache, environment


def _env(**templates: str) -> jinja2.Environment:
    return environment(jinja2.DictLoader(templates), "test")


def test_profile_text_is_escaped_not_run() -> None:
    env = _env(page="<h1>{{ name }}</h1>\n")
    out = env.get_template("page").render(name='Ann <script>alert(1)</script> & "Co" {{ 7*7 }}')
    assert out == (
        "<h1>Ann &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34; {{ 7*7 }}</h1>\n"
    )


def test_an_undefined_name_fails_instead_of_printing_nothing() -> None:
    env = _env(page="{{ basics.nmae }}")
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("page").render(basics={"name": "Ann"})


def test_blocks_leave_no_blank_lines_and_the_last_newline_stays() -> None:
    env = _env(page="<ul>\n  {% for h in items %}\n  <li>{{ h }}</li>\n  {% endfor %}\n</ul>\n")
    assert (
        env.get_template("page").render(items=["a", "b"])
        == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n"
    )


def test_finalize_applies_to_every_value() -> None:
    env = environment(jinja2.DictLoader({"p": "{{ x }}|{{ y }}"}), "t", finalize=lambda v: v or "-")
    assert env.get_template("p").render(x="", y="b") == "-|b"


def _pattern(env: jinja2.Environment) -> str:
    cache = env.bytecode_cache
    assert isinstance(cache, jinja2.FileSystemBytecodeCache)
    return cache.pattern


def test_bytecode_files_differ_with_the_settings_that_are_compiled_in() -> None:
    escaping = _env()
    assert _pattern(escaping) == _pattern(_env())  # same settings: one set of files
    assert _pattern(escaping).startswith("__jobpacket_test_")
    plain = jinja2.Environment(autoescape=False, trim_blocks=True, lstrip_blocks=True)
    plain.keep_trailing_newline = True
    assert bytecode_cache(plain, "test").pattern != _pattern(escaping)
    finalized = environment(jinja2.DictLoader({}), "test", finalize=str)
    assert _pattern(finalized) != _pattern(escaping)
    assert _pattern(environment(jinja2.DictLoader({}), "other")) != _pattern(escaping)
