"""What PyYAML's safe loader may make of hostile text, made harmless.

Two things PyYAML does not bound or word for a user:

- **Scalars it cannot construct.** An unquoted ``2021-02-30`` or ``2021-02-03 12:99:00``
  resolves to a timestamp and raises ``ValueError`` while being built; so do
  ``!!int abc`` and a 5,000-digit integer, and ``!!timestamp junk`` raises
  ``AttributeError``; an unknown tag (``!foo``) stops the whole file. ``BoundedLoader``
  builds each of these as an ``Unreadable`` value holding the text and the reason, so
  the field that holds it is reported with its line like any other bad value, and the
  rest of the file is still checked.
- **Aliases.** ``*name`` re-uses a node; ten nested anchors of ten aliases each stand
  for ten billion values, and anything that walks or prints them (a message showing
  the value) runs for ever. ``check_aliases`` measures the expanded size of the node
  graph before anything is built (linear in the written nodes) and refuses a file
  whose aliases add more than ``MAX_ALIAS_VALUES`` values, or that refers to itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import yaml

# A curated file has no reason to use aliases at all; a few hundred re-used values
# are harmless, and a hundred thousand still build in well under a second.
MAX_ALIAS_VALUES = 100_000

_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A scalar or tagged node PyYAML could not turn into a value."""

    text: str  # as written (shortened)
    reason: str

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def _written(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        text = str(node.value)
        text = text if len(text) <= 40 else text[:39] + "…"
    else:
        text = "a " + ("list" if isinstance(node, yaml.SequenceNode) else "mapping")
    return f"{node.tag} {text}" if not node.tag.startswith("tag:yaml.org,2002:") else text


Constructor = Callable[[Any, yaml.Node], Any]


# Integers past this many bits are no count, score or year: refused while building,
# since Python cannot even print one past 4,300 digits (and YAML 1.1's base-60
# integers, ``1:59:59:...``, reach that without a long digit string).
MAX_INT_BITS = 256


def _guarded(construct: Constructor, what: str) -> Constructor:
    def build(loader: Any, node: yaml.Node) -> Any:
        try:
            value = construct(loader, node)
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            return Unreadable(_written(node), f"not {what} ({exc})")
        if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            return Unreadable(_written(node), f"too large a number ({MAX_INT_BITS} bits at most)")
        return value

    return build


def _unknown_tag(loader: Any, node: yaml.Node) -> Unreadable:
    return Unreadable(_written(node), f"unknown tag {node.tag!r} (tags are not used here)")


class BoundedLoader(_BASE):  # type: ignore[valid-type,misc]
    """The safe loader (libyaml's when PyYAML has it), building ``Unreadable`` values
    instead of raising for scalars it cannot construct and for unknown tags."""


for _tag, _what in (("int", "a whole number"), ("float", "a number"), ("timestamp", "a date")):
    _full = "tag:yaml.org,2002:" + _tag
    BoundedLoader.add_constructor(_full, _guarded(_BASE.yaml_constructors[_full], _what))
BoundedLoader.add_constructor(None, _unknown_tag)


class AliasError(Exception):
    """Aliases that expand too far, or refer to the node that holds them."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(message)


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif isinstance(node, yaml.SequenceNode):
        yield from node.value


def check_aliases(root: yaml.Node, written: int, limit: int = MAX_ALIAS_VALUES) -> None:
    """Raise ``AliasError`` if aliases make ``root`` stand for more than ``limit``
    values beyond those written, or make it contain itself.

    ``written`` bounds the nodes the text can hold without aliases (its length), so
    the walk can stop as soon as one subtree is too large. Iterative (a deep file
    must not exhaust Python's stack) and memoised: each node is sized once.
    """
    sizes: dict[int, int] = {}
    path: set[int] = set()  # the nodes being sized: the current node's ancestors
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    too_many = limit + written
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            path.discard(key)
            size = 1 + sum(sizes[id(child)] for child in _children(node))
            if size > too_many:
                raise _too_far(node, limit)
            sizes[key] = size
            continue
        if key in sizes:
            continue
        path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in path:
                raise AliasError(  # the anchor's line: an alias node is its anchor's node
                    child.start_mark.line + 1,
                    "the value anchored here holds an alias to itself (a loop); "
                    "write the entries out in full",
                )
            if id(child) not in sizes:
                stack.append((child, False))
    if sizes[id(root)] - len(sizes) > limit:
        raise _too_far(root, limit)


def _too_far(node: yaml.Node, limit: int) -> AliasError:
    return AliasError(
        node.start_mark.line + 1,
        f"aliases (*name) expand this file by more than {limit:,} values, the limit; "
        "write the entries out in full",
    )
