"""Every uploaded file in the photo storage, copied to a folder and back, whatever the storage is.

``bin/backup`` and ``bin/restore`` use these (through ``manage.py media_export`` and ``media_import``) when
photos are in object storage: the files are read and written through Django's storage API (django-storages
for S3), so the backup holds the same names and bytes as the portal sees, on disk or in a bucket.
"""

from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage


def stored_names(storage: Storage, folder: str = ""):
    """Every file name in ``storage`` under ``folder``, folders first walked depth first."""
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_names(storage, f"{folder}/{sub}" if folder else sub)


def export_media(storage: Storage, target: Path) -> int:
    """Copy every stored file into ``target`` under its own name; return how many."""
    count = 0
    for name in stored_names(storage):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, open(path, "wb") as copy:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                copy.write(chunk)
        count += 1
    return count


class StorageNotEmpty(Exception):
    pass


def import_media(storage: Storage, source: Path) -> int:
    """Put every file under ``source`` into ``storage`` under the same name; return how many.

    Only into a storage without any of these names: a restore never mixes two sets of photos.
    """
    paths = sorted(p for p in source.rglob("*") if p.is_file())
    names = [p.relative_to(source).as_posix() for p in paths]
    taken = [name for name in names if storage.exists(name)]
    if taken:
        raise StorageNotEmpty(f"{len(taken)} file(s) already stored, for example {taken[0]}")
    for path, name in zip(paths, names, strict=True):
        with open(path, "rb") as handle:
            saved = storage.save(name, File(handle))
        if saved != name:
            raise StorageNotEmpty(f"{name} was stored as {saved}")
    return len(names)
