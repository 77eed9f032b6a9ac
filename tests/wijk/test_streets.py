"""Streets per neighbourhood: the model, the CSV import command and the migration from the old name list."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

from wijk.models import Street

HEADER = "naam;breedtegraad;lengtegraad;huisnummer_van;huisnummer_tot\n"


def write(tmp_path, text, name="straten.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_streets_are_listed_by_name_and_unique_per_neighbourhood(world):
    zuidwijk, hagedoorn = world.zuidwijk, world.hagedoorn
    assert [s.name for s in zuidwijk.streets.all()] == ["Koninginneweg", "Oranjestraat", "Spui"]
    Street.objects.create(neighbourhood=hagedoorn, name="Spui")  # the same name elsewhere is fine
    with pytest.raises(IntegrityError), transaction.atomic():
        Street.objects.create(neighbourhood=zuidwijk, name="Spui")


def test_a_street_point_is_whole_or_absent(world):
    street = Street(neighbourhood=world.zuidwijk, name="Kerkstraat", lat=Decimal("51.8"))
    with pytest.raises(ValidationError):
        street.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        street.save()
    street = Street(neighbourhood=world.zuidwijk, name="Kerkstraat", number_from=20, number_to=4)
    with pytest.raises(ValidationError) as caught:
        street.full_clean()
    assert "number_to" in caught.value.message_dict


def test_import_adds_and_updates_streets_and_a_second_run_changes_nothing(world, tmp_path, capsys):
    path = write(tmp_path, HEADER + "Spui;51,8180;4,4150;1;40\nKerkstraat;51.8183;4.4138;;\nDorpsplein;;;;\n")
    call_command("import_streets", path, wijk="zuidwijk")
    assert "2 new, 1 changed, 0 unchanged" in capsys.readouterr().out
    spui = Street.objects.get(neighbourhood=world.zuidwijk, name="Spui")
    assert (spui.lat, spui.lng, spui.number_from, spui.number_to) == (Decimal("51.818"), Decimal("4.415"), 1, 40)
    assert not Street.objects.get(name="Dorpsplein").has_point
    call_command("import_streets", path, wijk="zuidwijk")
    assert "0 new, 0 changed, 3 unchanged" in capsys.readouterr().out
    assert world.zuidwijk.streets.count() == 5


def test_import_with_commas_and_a_byte_order_mark(world, tmp_path):
    path = tmp_path / "straten.csv"
    path.write_text(
        "naam,breedtegraad,lengtegraad,huisnummer_van,huisnummer_tot\nBosbesstraat,52.3490,6.6530,2,18\n",
        encoding="utf-8-sig",
    )
    call_command("import_streets", str(path), wijk="hagedoorn")
    assert Street.objects.get(neighbourhood=world.hagedoorn, name="Bosbesstraat").number_to == 18


def test_import_names_every_wrong_line_and_writes_nothing(world, tmp_path):
    path = write(
        tmp_path,
        HEADER + "Kerkstraat;51.8;;;\n;51.8;4.4;;\nMarkt;noord;4.4;;\nMolenweg;51.8;4.4;12;3\nKerkstraat;;;;\n",
    )
    with pytest.raises(CommandError) as caught:
        call_command("import_streets", path, wijk="zuidwijk")
    message = str(caught.value)
    assert "line 2: give both 'breedtegraad' and 'lengtegraad'" in message
    assert "line 3: 'naam' is empty" in message
    assert "line 4: 'breedtegraad' is not a number: 'noord'" in message
    assert "line 5: 'huisnummer_van' is higher than 'huisnummer_tot'" in message
    assert "line 6: 'Kerkstraat' is already on an earlier line" in message
    assert world.zuidwijk.streets.count() == 3


def test_import_refuses_an_unknown_neighbourhood_or_a_file_without_names(world, tmp_path):
    with pytest.raises(CommandError, match="No neighbourhood with the short name 'nergens'"):
        call_command("import_streets", write(tmp_path, HEADER), wijk="nergens")
    with pytest.raises(CommandError, match="'naam' is missing"):
        call_command("import_streets", write(tmp_path, "straat;x\nSpui;1\n"), wijk="zuidwijk")


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_old_street_names_into_rows():
    executor = MigrationExecutor(connection)
    before = [("wijk", "0014_street_model")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Organisation = old.get_model("wijk", "Organisation")
    Neighbourhood = old.get_model("wijk", "Neighbourhood")
    corporation = Organisation.objects.create(slug="hw", name="HW", kind="corporation")
    Neighbourhood.objects.create(
        slug="oud",
        name="Oud",
        municipality="X",
        corporation=corporation,
        centre_lat=52,
        centre_lng=5,
        streets=["Spui", " Kerkstraat ", "Spui", ""],
    )
    executor = MigrationExecutor(connection)
    executor.migrate([("wijk", "0016_remove_neighbourhood_streets")])
    new = executor.loader.project_state([("wijk", "0016_remove_neighbourhood_streets")]).apps
    rows = new.get_model("wijk", "Street").objects.filter(neighbourhood__slug="oud")
    assert sorted(rows.values_list("name", flat=True)) == ["Kerkstraat", "Spui"]
    assert not rows.filter(lat__isnull=False).exists()
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_the_demo_has_both_neighbourhoods_streets_near_their_centre():
    import os

    from parelketting.forms import MAX_DISTANCE_DEG
    from wijk.models import Neighbourhood

    call_command("loaddemo", stdout=open(os.devnull, "w"))
    for hood in Neighbourhood.objects.filter(slug__in=["zuidwijk", "hagedoorn"]):
        streets = list(hood.streets.all())
        assert len(streets) >= 8
        for street in streets:
            assert street.has_point, street.name
            assert abs(street.lat - hood.centre_lat) < MAX_DISTANCE_DEG
            assert abs(street.lng - hood.centre_lng) < MAX_DISTANCE_DEG
