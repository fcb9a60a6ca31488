from timeline_app.ingest.paragraphs import BoilerplateRules, split_paragraphs

RULES = BoilerplateRules.parse(["# comment", "Show comments", "prefix: Read:"])


def test_each_line_is_a_paragraph_and_blank_lines_are_not() -> None:
    text = "First line.\nSecond line.\n\n   \nThird line.\n"
    paragraphs = split_paragraphs("d.txt", text)
    assert [p.text for p in paragraphs] == ["First line.", "Second line.", "Third line."]
    assert [p.ordinal for p in paragraphs] == [1, 2, 3]


def test_trailing_space_joins_a_line_broken_at_a_removed_link() -> None:
    text = "sale of the indigenously developed \n  to  , even as ties grow.\nNext.\n"
    first, second = split_paragraphs("d.txt", text)
    # The gap stays a gap: whitespace is normalised, nothing is filled in.
    assert first.text == "sale of the indigenously developed to , even as ties grow."
    assert second.text == "Next."


def test_offsets_point_into_the_original() -> None:
    text = "  \n\u00a0Hello\u00a0 world. \n\nBye."
    hello, bye = split_paragraphs("d.txt", text)
    assert hello.text == "Hello world."
    assert text[hello.start : hello.end] == "Hello\u00a0 world."
    assert text[bye.start : bye.end] == "Bye."


def test_boilerplate_is_marked_and_keeps_its_number() -> None:
    text = "Show comments\nReal text.\nRead: another story\nshow  COMMENTS\n"
    paragraphs = split_paragraphs("d.txt", text, RULES, extra_boilerplate=frozenset({2}))
    assert [(p.ordinal, p.boilerplate) for p in paragraphs] == [
        (1, True),
        (2, True),  # marked by the manifest
        (3, True),
        (4, True),
    ]


def test_splitting_is_deterministic() -> None:
    text = "A \n b\n\nC\nD \n\n"
    assert split_paragraphs("d.txt", text) == split_paragraphs("d.txt", text)
    assert [p.text for p in split_paragraphs("d.txt", text)] == ["A b", "C", "D"]
