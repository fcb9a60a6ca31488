"""Safe YAML loading that remembers the line of every mapping and key.

``yaml.safe_load`` forgets where values came from; analysts need "events.yaml:212"
in an error message, so we compose the node tree with the safe loader, build the
Python values from it, and keep the nodes' start marks alongside.

A curated file is untrusted text, so reading it is bounded (see ``file_limits`` and
``yaml_values``): a regular file of at most ``MAX_CURATED_BYTES``, aliases that add
at most ``MAX_ALIAS_VALUES`` values and never loop, and scalars PyYAML cannot build
left as ``Unreadable`` values for the field readers to report with their lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from timeline_app.ingest.file_limits import MAX_CURATED_BYTES, FileRefused, read_bytes
from timeline_app.ingest.problems import Problem, display_name
from timeline_app.ingest.yaml_values import (
    MAX_ALIAS_VALUES,
    AliasError,
    BoundedLoader,
    Unreadable,
    check_aliases,
)

__all__ = [
    "MAX_ALIAS_VALUES",
    "MAX_CURATED_BYTES",
    "Located",
    "Unreadable",
    "load_list_of_mappings",
]


@dataclass
class Located:
    """A mapping from the file with the line of the mapping and of each key."""

    value: dict[Any, Any]
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    # For keys holding a list of mappings: each item located in turn.
    children: dict[str, list[Located | None]] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def _located(node: yaml.Node, value: Any) -> Located | None:
    if not isinstance(node, yaml.MappingNode) or not isinstance(value, dict):
        return None
    located = Located(value, node.start_mark.line + 1)
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key = str(key_node.value)
        located.key_lines[key] = key_node.start_mark.line + 1
        child = value.get(key)
        if isinstance(value_node, yaml.SequenceNode) and isinstance(child, list):
            located.children[key] = [
                _located(n, v) for n, v in zip(value_node.value, child, strict=True)
            ]
    return located


def _read_text(path: Path, name: str) -> str | Problem:
    try:
        return read_bytes(path, MAX_CURATED_BYTES).decode("utf-8")
    except FileNotFoundError:
        return Problem(name, None, "file not found")
    except FileRefused as exc:
        return Problem(name, None, str(exc))
    except UnicodeDecodeError as exc:
        return Problem(name, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    except OSError as exc:
        return Problem(name, None, f"cannot read the file ({exc.strerror or exc})")


def _document(text: str, name: str) -> tuple[yaml.Node | None, Any] | Problem:
    """The file's node tree and its values, or the one problem that stops reading it."""
    # libyaml's parser (when PyYAML has it) reads the seeds several times faster and
    # keeps the same line marks; the pure-Python one is the fallback.
    loader = BoundedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        check_aliases(node, len(text))
        return node, loader.construct_document(node)
    except AliasError as exc:
        return Problem(name, exc.line, str(exc))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "malformed YAML"
        return Problem(name, line, f"malformed YAML: {reason}")
    except yaml.YAMLError as exc:
        return Problem(name, None, f"malformed YAML: {exc}")
    except RecursionError:  # the pure-Python parser on deeply nested text
        return Problem(name, None, "malformed YAML: nested too deeply")
    finally:
        loader.dispose()


def load_list_of_mappings(path: Path) -> tuple[list[Located], list[Problem]]:
    """Read a YAML file holding a list of mappings; problems instead of exceptions."""
    name = display_name(path)
    text = _read_text(path, name)
    if isinstance(text, Problem):
        return [], [text]
    document = _document(text, name)
    if isinstance(document, Problem):
        return [], [document]
    node, data = document
    if node is None or data is None:
        return [], [Problem(name, None, "the file is empty; expected a list of entries")]
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        return [], [Problem(name, node.start_mark.line + 1, "expected a list of entries")]
    entries: list[Located] = []
    problems: list[Problem] = []
    for item_node, item in zip(node.value, data, strict=True):
        located = _located(item_node, item)
        if located is None:
            problems.append(
                Problem(name, item_node.start_mark.line + 1, "each entry must be a mapping")
            )
        else:
            entries.append(located)
    return entries, problems
