"""Saved views in the database: round trips, order, upgrades from the previous schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from timeline_app.saved_views import SavedView, filter_input
from timeline_app.services import Store
from timeline_app.store import db as db_module
from timeline_app.store.db import migrate
from timeline_app.store.migrations import MIGRATIONS, SCHEMA_VERSION, V4_SAVED_VIEWS
from timeline_app.store.views import ViewStoreError


def _full_view(name: str = "Akash talks") -> SavedView:
    return SavedView(
        name=name,
        window=(16000.0, 17500.5),
        filter=filter_input(
            date_from="2015",
            date_to="2018-06",
            actors=["ind", "VNM"],
            categories=["arms_transfer", "visit"],
            modalities=["discussed"],
            text="Akash",
        ),
        focus=("pair", "IND-VNM"),
        selection=("ind-vnm-2017-01-akash-sale-talks", "another-id"),
        pairs=("IND-VNM", "IND-RUS"),
        caption="Talks, not a sale — « quoted » 2017",
    )


def test_a_saved_view_comes_back_whole_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    store = Store.open(path)
    view = _full_view()
    assert store.save_view(view) is True
    store.close()
    reopened = Store.open(path, create=False)
    assert reopened.saved_views() == [view]
    assert reopened.saved_view("Akash talks") == view
    assert reopened.saved_view("nothing") is None


def test_saving_a_name_again_updates_it_in_place(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "t.sqlite3")
    for name in ("first", "second", "third"):
        store.save_view(SavedView(name))
    assert store.save_view(SavedView("second", caption="updated")) is False
    listed = store.saved_views()
    assert [v.name for v in listed] == ["first", "second", "third"]
    assert listed[1].caption == "updated"


def test_move_rename_reorder_and_delete_keep_a_clean_order(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "t.sqlite3")
    for name in ("a", "b", "c", "d"):
        store.save_view(SavedView(name))
    store.move_view("d", 0)
    assert [v.name for v in store.saved_views()] == ["d", "a", "b", "c"]
    store.move_view("d", 99)
    assert [v.name for v in store.saved_views()] == ["a", "b", "c", "d"]
    store.rename_view("b", "B two")
    store.delete_view("a")
    assert [v.name for v in store.saved_views()] == ["B two", "c", "d"]
    store.reorder_views(["d", "B two", "c"])
    assert [v.name for v in store.saved_views()] == ["d", "B two", "c"]
    store.save_view(SavedView("e"))  # a new view goes last
    assert [v.name for v in store.saved_views()][-1] == "e"
    with sqlite3.connect(store.path) as conn:
        positions = [p for (p,) in conn.execute("SELECT position FROM saved_views ORDER BY 1")]
    assert positions == [0, 1, 2, 3]


def test_impossible_operations_say_why_and_change_nothing(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "t.sqlite3")
    store.save_view(SavedView("a"))
    store.save_view(SavedView("b"))
    with pytest.raises(ViewStoreError, match="no saved view called 'zzz'"):
        store.delete_view("zzz")
    with pytest.raises(ViewStoreError, match="already called 'b'"):
        store.rename_view("a", "b")
    with pytest.raises(ViewStoreError, match="name"):
        store.rename_view("a", "  ")
    with pytest.raises(ViewStoreError, match="every saved view once"):
        store.reorder_views(["a"])
    with pytest.raises(ViewStoreError, match="no saved view"):
        store.move_view("zzz", 0)
    assert [v.name for v in store.saved_views()] == ["a", "b"]


def test_a_damaged_row_is_reported_by_name(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "t.sqlite3")
    store.save_view(SavedView("fine"))
    with sqlite3.connect(store.path) as conn:
        conn.execute(
            "INSERT INTO saved_views VALUES ('broken', 5, '{\"format\": 1, \"window\": [3, 1]}', "
            "'', '')"
        )
    with pytest.raises(ViewStoreError, match=r"saved view 'broken' is damaged: .*window"):
        store.saved_views()
    assert store.saved_view("fine") == SavedView("fine")


def test_a_database_of_the_previous_schema_keeps_its_data_and_gains_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    previous = MIGRATIONS.index(V4_SAVED_VIEWS)  # later schemas may follow it
    with monkeypatch.context() as old_app:  # the app as released before saved views
        old_app.setattr(db_module, "MIGRATIONS", MIGRATIONS[:previous])
        old_app.setattr(db_module, "SCHEMA_VERSION", previous)
        old_store = Store.open(path)
        old_store.load()
        counts = old_store.counts()
        old_store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == previous
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'saved_views'").fetchone()
    assert migrate(path) == previous
    store = Store.open(path, create=False)
    assert store.counts() == counts
    assert store.saved_views() == []
    store.save_view(_full_view())
    assert store.saved_views() == [_full_view()]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
