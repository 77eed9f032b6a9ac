"""Backups: bin/backup dumps PostgreSQL and the media; bin/restore brings every record back into an empty database."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from wijk.choices import Channel, DataCategory, Purpose
from wijk.services import access_log_record, consent_give, consent_withdraw

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="backups are PostgreSQL dumps; runs in the PostgreSQL pass"
    ),
]


def _url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _counts(cursor) -> dict[str, int]:
    result = {}
    for model in apps.get_models():
        table = model._meta.db_table
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - table names come from the models
        result[table] = cursor.fetchone()[0]
    return result


def test_a_backup_restores_every_record_into_an_empty_database(world, tmp_path):
    consent = consent_give(
        resident=world.residents.hagedoorn,
        category=DataCategory.CONTACT,
        purpose=Purpose.REFERRAL,
        recipient=world.welzijn,
        explanation=world.consent_text,
        method=Channel.ONLINE,
    )
    consent_withdraw(consent=consent, method=Channel.PHONE, recorded_by=world.users.broker_bw)
    access_log_record(
        user=world.users.broker_bw, action="view", obj=world.residents.hagedoorn, resident=world.residents.hagedoorn
    )
    media = tmp_path / "media"
    (media / "foto's").mkdir(parents=True)
    (media / "foto's" / "parel.jpg").write_bytes(b"\xff\xd8 photo bytes")

    with connection.cursor() as cursor:
        before = _counts(cursor)
    assert before["wijk_consentwithdrawal"] == 1 and before["wijk_resident"] == 2

    env = {**os.environ, "DATABASE_URL": _url(connection.settings_dict["NAME"]), "DJANGO_MEDIA_ROOT": str(media)}
    out = subprocess.run(
        [str(ROOT / "bin" / "backup"), str(tmp_path / "backups")],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.split()
    dump, archive = out[0], out[1]

    restored_db = f"{connection.settings_dict['NAME']}_restored"
    admin = _url("postgres")
    subprocess.run(
        ["psql", admin, "-c", f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)'], check=True, capture_output=True
    )
    subprocess.run(["psql", admin, "-c", f'CREATE DATABASE "{restored_db}"'], check=True, capture_output=True)
    try:
        restored_media = tmp_path / "restored-media"
        env = {**os.environ, "DATABASE_URL": _url(restored_db), "DJANGO_MEDIA_ROOT": str(restored_media)}
        subprocess.run(
            [str(ROOT / "bin" / "restore"), dump, archive], env=env, check=True, capture_output=True, timeout=120
        )
        import psycopg2

        with psycopg2.connect(_url(restored_db)) as other, other.cursor() as cursor:
            after = _counts(cursor)
        assert after == before
        assert (restored_media / "foto's" / "parel.jpg").read_bytes() == b"\xff\xd8 photo bytes"

        # Restoring over data is refused: a restore never mixes two databases.
        again = subprocess.run(
            [str(ROOT / "bin" / "restore"), dump], env=env, capture_output=True, text=True, timeout=120
        )
        assert again.returncode != 0 and "not empty" in again.stderr
    finally:
        subprocess.run(
            ["psql", admin, "-c", f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)'], capture_output=True
        )


def test_photos_in_object_storage_are_backed_up_and_restored_with_their_bytes(world, tmp_path):
    """With DJANGO_S3_BUCKET, bin/backup copies the photos out of the bucket (through django-storages) and
    bin/restore puts them in an empty bucket; the restored database's pearl points at the same bytes."""
    import boto3
    from moto.server import ThreadedMotoServer
    from PIL import Image

    from parelketting.models import Pearl

    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 120, 40)).save(buffer, "JPEG")
    photo = buffer.getvalue()
    port = 8431
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    restored_db = f"{connection.settings_dict['NAME']}_restored"
    admin = _url("postgres")
    try:
        s3 = boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{port}",
            region_name="eu-west-1",
            aws_access_key_id="backup",
            aws_secret_access_key="backup-secret",  # noqa: S106 - the local stand-in accepts any key
        )
        for bucket in ("photos-live", "photos-restored"):
            s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        name = "parelketting/bankje/foto.jpg"
        s3.put_object(Bucket="photos-live", Key=name, Body=photo)
        pearl = Pearl.objects.create(
            kind="place", title="Bankje met foto", neighbourhood=world.zuidwijk, status="published", photo=name
        )
        storage_env = {
            **os.environ,
            "PYTHON": sys.executable,
            "DJANGO_SETTINGS_MODULE": "wijkportaal.settings.production",
            "DJANGO_SECRET_KEY": "backup-test-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "backup.example",
            "DJANGO_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "DJANGO_S3_REGION": "eu-west-1",
            "DJANGO_S3_ACCESS_KEY": "backup",
            "DJANGO_S3_SECRET_KEY": "backup-secret",
        }
        storage_env.pop("REDIS_URL", None)
        env = {
            **storage_env,
            "DATABASE_URL": _url(connection.settings_dict["NAME"]),
            "DJANGO_S3_BUCKET": "photos-live",
        }
        out = subprocess.run(
            [str(ROOT / "bin" / "backup"), str(tmp_path / "backups")],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout.split()
        dump, archive = out[0], out[1]

        subprocess.run(
            ["psql", admin, "-c", f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)'],
            check=True,
            capture_output=True,
        )
        subprocess.run(["psql", admin, "-c", f'CREATE DATABASE "{restored_db}"'], check=True, capture_output=True)
        env = {**storage_env, "DATABASE_URL": _url(restored_db), "DJANGO_S3_BUCKET": "photos-restored"}
        subprocess.run(
            [str(ROOT / "bin" / "restore"), dump, archive], env=env, check=True, capture_output=True, timeout=120
        )
        import psycopg2

        with psycopg2.connect(_url(restored_db)) as other, other.cursor() as cursor:
            cursor.execute("SELECT photo FROM parelketting_pearl WHERE id = %s", [pearl.pk])
            (restored_name,) = cursor.fetchone()
        assert restored_name == name
        assert s3.get_object(Bucket="photos-restored", Key=restored_name)["Body"].read() == photo
    finally:
        subprocess.run(
            ["psql", admin, "-c", f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)'], capture_output=True
        )
        server.stop()
