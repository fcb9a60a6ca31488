from timeline_app.history import History


def test_undo_and_redo_walk_back_and_forth() -> None:
    history: History[str] = History()
    history.record("a")  # a -> b
    history.record("b")  # b -> c
    assert history.undo("c") == "b"
    assert history.undo("b") == "a"
    assert history.undo("a") is None
    assert history.redo("a") == "b"
    assert history.redo("b") == "c"
    assert history.redo("c") is None


def test_a_new_change_clears_redo_and_repeats_are_folded() -> None:
    history: History[int] = History(limit=3)
    for state in (1, 2, 2, 3, 4):
        history.record(state)
    assert history.undo(5) == 4
    history.record(9)
    assert not history.can_redo
    assert [history.undo(0), history.undo(0), history.undo(0), history.undo(0)] == [9, 3, 2, None]
