"""Where uploads live. Private files are only ever served by a view that checks permission."""

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    return storages["private"]
