"""The matches part of the broker's case page: the case's matches with their forms, and the new-match form."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from ..forms import MatchCloseForm, MatchContactForm, MatchForm
from ..models import Match


def match_prefetch() -> Prefetch:
    """The case's matches with their partner and pearl, for ``prefetch_related_objects`` on the dream."""
    return Prefetch("matches", Match.objects.select_related("partner", "pearl"), to_attr="match_list")


def _partner_label(partner) -> str:
    themes = ", ".join(t.label for t in partner.themes.all())
    local = _("actief in deze wijk") if getattr(partner, "local", False) else ""
    return " · ".join(part for part in (partner.name, themes, local) if part)


def target_choices(partners, pearls) -> list[tuple[str, str]]:
    """The suggestions as choices of ``MatchForm``: ``partner:<id>`` and ``pearl:<uid>``."""
    choices = [(f"partner:{p.pk}", _partner_label(p)) for p in partners]
    choices += [(f"pearl:{p.uid}", _("Parel: %(title)s") % {"title": p.title}) for p in pearls or []]
    return choices


def match_context(*, owner: bool, matches, partners, pearls, referrals=(), forms=None) -> dict:
    """The matches part of the case page: the case's matches, each with its forms, and the form for a new one."""
    forms = forms or {}
    bound = forms.get("match_bound")  # (match pk, "contact" or "close", bound form) after an error
    by_referral = {r.pk: r for r in referrals}
    rows = []
    for match in matches:
        row = {"match": match, "referral": by_referral.get(match.referral_id)}
        if owner and match.is_open:
            row["contact_form"] = MatchContactForm(match=match, initial={"categories": ["contact"]})
            row["close_form"] = MatchCloseForm(match=match)
            if bound and bound[0] == match.pk:
                row[f"{bound[1]}_form"] = bound[2]
        rows.append(row)
    taken = {f"partner:{m.partner_id}" for m in matches if m.is_open and m.partner_id}
    taken |= {f"pearl:{m.pearl.uid}" for m in matches if m.is_open and m.pearl_id and getattr(m.pearl, "uid", None)}
    suggested = target_choices(partners, pearls)
    choices = [c for c in suggested if c[0] not in taken]
    return {
        "match_all_taken": bool(suggested) and not choices,
        "match_rows": rows,
        "match_open": sum(1 for m in matches if m.is_open),
        "match_owner": owner,
        "match_form": forms.get("match_form") or MatchForm(choices=choices),
    }
