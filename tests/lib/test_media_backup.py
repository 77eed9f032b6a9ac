"""manage.py media_export / media_import: every stored file out to a folder and back, under the same names."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.management import CommandError, call_command

from lib.media_backup import StorageNotEmpty, export_media, import_media


def test_every_file_goes_out_and_back_with_its_bytes(tmp_path):
    live = InMemoryStorage()
    files = {"parelketting/a/foto.jpg": b"\xff\xd8 een", "droomhuis/b/c/foto.jpg": b"\xff\xd8 twee", "los.txt": b"x"}
    for name, content in files.items():
        live.save(name, ContentFile(content))
    assert export_media(live, tmp_path) == 3
    assert (tmp_path / "droomhuis" / "b" / "c" / "foto.jpg").read_bytes() == b"\xff\xd8 twee"

    restored = InMemoryStorage()
    assert import_media(restored, tmp_path) == 3
    for name, content in files.items():
        with restored.open(name, "rb") as handle:
            assert handle.read() == content


def test_a_restore_never_mixes_two_sets_of_photos(tmp_path):
    (tmp_path / "parelketting").mkdir()
    (tmp_path / "parelketting" / "foto.jpg").write_bytes(b"oud")
    storage = InMemoryStorage()
    storage.save("parelketting/foto.jpg", ContentFile(b"nieuw"))
    with pytest.raises(StorageNotEmpty):
        import_media(storage, tmp_path)
    with storage.open("parelketting/foto.jpg", "rb") as handle:
        assert handle.read() == b"nieuw"


def test_the_commands_use_the_configured_storage(tmp_path, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    from django.core.files.storage import default_storage

    default_storage.save("parelketting/x/foto.jpg", ContentFile(b"\xff\xd8 foto"))
    call_command("media_export", str(tmp_path / "uit"))
    assert (tmp_path / "uit" / "parelketting" / "x" / "foto.jpg").read_bytes() == b"\xff\xd8 foto"
    with pytest.raises(CommandError, match="niet|not empty"):
        call_command("media_import", str(tmp_path / "uit"))
