from pathlib import Path

from timeline_app.settings import Settings


def test_settings_round_trip(isolated_user_data: Path) -> None:
    Settings(theme="dark", last_db="/x.sqlite3", view_start=-3653.0, view_end=22000.0).save()
    loaded = Settings.load()
    assert loaded == Settings("dark", "/x.sqlite3", -3653.0, 22000.0)
    assert Settings.path().parent == isolated_user_data


def test_corrupt_settings_fall_back_to_defaults(isolated_user_data: Path) -> None:
    isolated_user_data.mkdir(parents=True)
    Settings.path().write_text("{not json")
    assert Settings.load() == Settings()
    Settings.path().write_text('{"theme": "purple", "view_start": "soon"}')
    assert Settings.load() == Settings()
