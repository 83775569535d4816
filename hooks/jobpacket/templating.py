"""The one home of a Jinja2 environment: the site's pages and the printed documents render
through environments made here, with the same safety settings and the same bytecode cache.

Every environment escapes what it writes (autoescape) and refuses an undefined name
(StrictUndefined), so a template typo fails the build instead of printing nothing. Compiled
templates are kept in Jinja's per-user temporary folder: compiling is most of the fixed cost
of a fresh process. Profile text is never a template: only jobpacket's own templates are
loaded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import jinja2


def environment(
    loader: jinja2.BaseLoader, purpose: str, *, finalize: Callable[[Any], Any] | None = None
) -> jinja2.Environment:
    """An environment over jobpacket's own templates; `purpose` names its bytecode files."""
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.bytecode_cache = bytecode_cache(env, purpose)
    return env


def bytecode_cache(env: jinja2.Environment, purpose: str) -> jinja2.BytecodeCache:
    """Jinja's per-user bytecode cache, safe for environments with different settings.

    Jinja checks a cached template against its source but not against the environment that
    compiled it, and autoescaping (among others) is compiled in. Files are therefore named
    by a digest of every setting that changes the compiled code.
    """
    autoescape = env.autoescape
    settings = (
        autoescape if isinstance(autoescape, bool) else getattr(autoescape, "__qualname__", "?"),
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        sorted(env.extensions),
        env.optimized,
        env.finalize is not None,
        jinja2.__version__,
    )
    digest = hashlib.sha256(repr(settings).encode()).hexdigest()[:16]
    return jinja2.FileSystemBytecodeCache(pattern=f"__jobpacket_{purpose}_{digest}_%s.cache")
