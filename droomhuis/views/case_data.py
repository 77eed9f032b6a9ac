"""Helpers of the broker's case page: shared lists from the cache, and form choices without a query.

The case's own lists are read in one query with ``wijk.lists.fetch_lists``.
"""


def cached_many(computes: dict) -> dict:
    """Lists that are the same for many cases (themes, brokers, partners), kept until one of them changes.

    ``computes`` maps a name to a function that builds the value. All are read with one cache read. The keys
    carry the version of the staff lists (``wijk.public_cache``), which every save of an organisation, role,
    account, theme, consent text or confidentiality statement bumps, so a new broker or partner shows at
    once, while a note on a case keeps them. Only for lists built from those records; never about a resident.
    """
    from django.core.cache import cache

    from wijk.public_cache import STAFF_LISTS, versioned_key

    keys = {name: versioned_key(f"droomhuis:case:{name}", STAFF_LISTS) for name in computes}
    found = cache.get_many(list(keys.values()))
    values, missing = {}, {}
    for name, key in keys.items():
        if key in found:
            values[name] = found[key]
        else:
            values[name] = missing[key] = computes[name]()
    if missing:
        cache.set_many(missing, 600)
    return values


def use_choices(form, name: str, objects) -> None:
    """Fill a model choice field from an already loaded list, so rendering the form runs no query.

    Only for forms that are shown, not validated: a submitted form checks its choices against the database.
    """
    form_field = form.fields[name]
    choices = [(obj.pk, form_field.label_from_instance(obj)) for obj in objects]
    if getattr(form_field, "empty_label", None) is not None:
        choices.insert(0, ("", form_field.empty_label))
    form_field.choices = choices
