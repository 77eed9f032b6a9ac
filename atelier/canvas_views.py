"""The canvas editor: view, start, add / edit / move / remove notes, compare two workshops, print and PDF.

Every action is a plain HTML form posting to a view, so it all works without JavaScript and by keyboard.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .compare import compare, totals
from .decorators import atelier_view
from .forms import CanvasItemForm, CanvasItemMoveForm, CanvasItemTextForm, CanvasStartForm
from .layout import blocks
from .models import Canvas, CanvasBlock
from .pdf import pdf_response
from .permissions import (
    can_edit_team,
    get_canvas_for_user,
    get_experiment_for_user,
    require_editor,
    visible_workshop_filter,
)
from .services import canvas_item_add, canvas_item_move, canvas_item_remove, canvas_item_update, canvas_start


def _load(request, slug, number):
    experiment = get_experiment_for_user(request.user, slug)
    workshop, canvas = get_canvas_for_user(request.user, experiment, number)
    return experiment, workshop, canvas


def _editable(request, slug, number):
    """Experiment, workshop and started canvas for a facilitator; 404 for hidden, 403 for readers."""
    experiment, workshop, canvas = _load(request, slug, number)
    require_editor(request.user, experiment.team_id)
    if canvas is None:
        raise Http404
    return experiment, workshop, canvas


def _item(canvas, item_id):
    item = canvas.items.filter(pk=item_id).first()
    if item is None:
        raise Http404
    item.canvas = canvas
    return item


def _canvas_url(experiment, workshop, block: str = "") -> str:
    url = reverse("atelier:canvas", kwargs={"slug": experiment.slug, "number": workshop.number})
    return f"{url}#vak-{block.replace('_', '-')}" if block else url


def _other_canvases(request, experiment):
    visible = visible_workshop_filter(request.user, experiment)
    return list(
        Canvas.objects.filter(experiment=experiment)
        .select_related("workshop")
        .filter(workshop__in=experiment.team.workshops.filter(visible))
        .order_by("workshop__number")
    )


def _canvas_page(request, experiment, workshop, canvas, *, add_forms=None, status=200):
    can_edit = can_edit_team(request.user, experiment.team_id)
    others = _other_canvases(request, experiment)
    earlier = [c for c in others if c.workshop.number < workshop.number]
    context = {
        "experiment": experiment,
        "workshop": workshop,
        "canvas": canvas,
        "blocks": blocks(canvas.items.all()) if canvas else [],
        "can_edit": can_edit,
        "add_forms": add_forms or {},
        "block_choices": CanvasBlock.choices,
        "others": others,
        "compare_from": earlier[-1] if earlier else None,
        "start_form": CanvasStartForm(earlier=earlier) if can_edit and canvas is None else None,
    }
    return render(request, "atelier/canvas.html", context, status=status)


@atelier_view
@require_GET
def canvas_detail(request, slug, number):
    experiment, workshop, canvas = _load(request, slug, number)
    return _canvas_page(request, experiment, workshop, canvas)


@atelier_view
@require_POST
def canvas_start_view(request, slug, number):
    experiment, workshop, canvas = _load(request, slug, number)
    require_editor(request.user, experiment.team_id)
    if canvas is None:
        earlier = [c for c in _other_canvases(request, experiment) if c.workshop.number < workshop.number]
        form = CanvasStartForm(request.POST, earlier=earlier)
        if not form.is_valid():
            return _canvas_page(request, experiment, workshop, None, status=400)
        source = next((c for c in earlier if c.pk == form.cleaned_data["copy_from"]), None)
        canvas_start(experiment=experiment, workshop=workshop, copy_from=source)
        messages.success(request, _("Het canvas staat klaar."))
    return redirect(_canvas_url(experiment, workshop))


@atelier_view
@require_POST
def canvas_item_add_view(request, slug, number):
    experiment, workshop, canvas = _editable(request, slug, number)
    form = CanvasItemForm(request.POST)
    if form.is_valid():
        try:
            canvas_item_add(canvas=canvas, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Kaartje toegevoegd."))
            return redirect(_canvas_url(experiment, workshop, form.cleaned_data["block"]))
    block = request.POST.get("block", "")
    if block not in CanvasBlock.values:
        block = CanvasBlock.KEY_PARTNERS
    return _canvas_page(request, experiment, workshop, canvas, add_forms={block: form}, status=400)


@atelier_view
@require_http_methods(["GET", "POST"])
def canvas_item_edit_view(request, slug, number, item_id):
    experiment, workshop, canvas = _editable(request, slug, number)
    item = _item(canvas, item_id)
    form = CanvasItemTextForm(request.POST or None, initial={"text": item.text})
    if request.method == "POST" and form.is_valid():
        try:
            canvas_item_update(item=item, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Kaartje gewijzigd."))
            return redirect(_canvas_url(experiment, workshop, item.block))
    return render(
        request,
        "atelier/canvas_item_form.html",
        {"experiment": experiment, "workshop": workshop, "item": item, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@atelier_view
@require_POST
def canvas_item_move_view(request, slug, number, item_id):
    experiment, workshop, canvas = _editable(request, slug, number)
    item = _item(canvas, item_id)
    form = CanvasItemMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies omhoog, omlaag of een ander vak."))
        return redirect(_canvas_url(experiment, workshop, item.block))
    canvas_item_move(item=item, direction=form.cleaned_data["direction"], block=form.cleaned_data["block"])
    messages.success(request, _("Kaartje verplaatst: %(text)s") % {"text": item.text})
    return redirect(f"{_canvas_url(experiment, workshop)}#kaartje-{item.pk}")


@atelier_view
@require_POST
def canvas_item_remove_view(request, slug, number, item_id):
    experiment, workshop, canvas = _editable(request, slug, number)
    item = _item(canvas, item_id)
    block, text = item.block, item.text
    canvas_item_remove(item=item)
    messages.success(request, _("Kaartje weggehaald: %(text)s") % {"text": text})
    return redirect(_canvas_url(experiment, workshop, block))


@atelier_view
@require_GET
def canvas_compare(request, slug):
    """Two workshops' canvases side by side in words: added, removed and changed notes per block."""
    experiment = get_experiment_for_user(request.user, slug)
    canvases = _other_canvases(request, experiment)
    by_number = {c.workshop.number: c for c in canvases}
    numbers = sorted(by_number)
    if len(numbers) < 2:
        return render(
            request, "atelier/canvas_compare.html", {"experiment": experiment, "numbers": numbers, "diffs": None}
        )
    try:
        old_number = int(request.GET.get("van", numbers[-2]))
        new_number = int(request.GET.get("naar", numbers[-1]))
    except ValueError:
        old_number, new_number = numbers[-2], numbers[-1]
    if old_number not in by_number or new_number not in by_number:
        raise Http404
    old, new = by_number[old_number], by_number[new_number]
    diffs = compare(list(old.items.all()), list(new.items.all()))
    return render(
        request,
        "atelier/canvas_compare.html",
        {
            "experiment": experiment,
            "numbers": numbers,
            "old": old,
            "new": new,
            "diffs": diffs,
            "totals": totals(diffs),
        },
    )


DENSE_CANVAS = 36  # above this many notes the print uses smaller type, so the canvas stays on one page


def _print_context(request, slug, number):
    experiment, workshop, canvas = _load(request, slug, number)
    if canvas is None:
        raise Http404
    paper = "a3" if request.GET.get("formaat") == "a3" else "a4"
    items = list(canvas.items.all())
    return {
        "dense": len(items) > DENSE_CANVAS,
        "experiment": experiment,
        "workshop": workshop,
        "canvas": canvas,
        "blocks": blocks(items),
        "paper": paper,
    }


@atelier_view
@require_GET
def canvas_print(request, slug, number):
    return render(request, "atelier/canvas_print.html", _print_context(request, slug, number))


@atelier_view
@require_GET
def canvas_pdf(request, slug, number):
    context = _print_context(request, slug, number)
    return pdf_response(
        "atelier/canvas_print.html",
        context,
        filename=f"canvas-{context['experiment'].slug}-werkatelier-{number}-{context['paper']}.pdf",
        request=request,
    )
