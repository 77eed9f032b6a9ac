"""Compare two canvases of one experiment: per block, which notes were added, removed, changed or kept.

Notes are paired first by where they were copied from (``origin``), then by identical text. A paired note whose
text or block differs counts as changed. Each kind is named in words, never by colour alone.
"""

from dataclasses import dataclass, field

from .models import CanvasBlock, CanvasItem


@dataclass
class Change:
    kind: str  # "added", "removed", "changed", "same"
    text: str
    old_text: str = ""
    old_block_label: str = ""


@dataclass
class BlockDiff:
    block: str
    label: str
    changes: list[Change] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def added(self):
        return self.count("added")

    @property
    def removed(self):
        return self.count("removed")

    @property
    def changed(self):
        return self.count("changed")


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _pair(old: list[CanvasItem], new: list[CanvasItem]) -> dict[int, CanvasItem]:
    """Map new item id → old item it continues."""
    old_by_id = {i.pk: i for i in old}
    pairs: dict[int, CanvasItem] = {}
    used: set[int] = set()
    for item in new:
        source = old_by_id.get(item.origin_id)
        if source is not None and source.pk not in used:
            pairs[item.pk] = source
            used.add(source.pk)
    for item in new:
        if item.pk in pairs:
            continue
        match = next(
            (o for o in old if o.pk not in used and _norm(o.text) == _norm(item.text) and o.block == item.block), None
        ) or next((o for o in old if o.pk not in used and _norm(o.text) == _norm(item.text)), None)
        if match is not None:
            pairs[item.pk] = match
            used.add(match.pk)
    return pairs


def compare(old_items: list[CanvasItem], new_items: list[CanvasItem]) -> list[BlockDiff]:
    """The differences from ``old_items`` to ``new_items``, one ``BlockDiff`` per canvas block in canvas order."""
    labels = dict(CanvasBlock.choices)
    diffs = {block: BlockDiff(block, str(label)) for block, label in CanvasBlock.choices}
    pairs = _pair(old_items, new_items)
    paired_old = {o.pk for o in pairs.values()}
    for item in sorted(new_items, key=lambda i: (i.position, i.pk)):
        source = pairs.get(item.pk)
        if source is None:
            diffs[item.block].changes.append(Change("added", item.text))
        elif source.text != item.text or source.block != item.block:
            moved = str(labels[source.block]) if source.block != item.block else ""
            old_text = source.text if source.text != item.text else ""
            diffs[item.block].changes.append(Change("changed", item.text, old_text, moved))
        else:
            diffs[item.block].changes.append(Change("same", item.text))
    for item in sorted(old_items, key=lambda i: (i.position, i.pk)):
        if item.pk not in paired_old:
            diffs[item.block].changes.append(Change("removed", item.text))
    return list(diffs.values())


def totals(diffs: list[BlockDiff]) -> dict[str, int]:
    return {kind: sum(d.count(kind) for d in diffs) for kind in ("added", "removed", "changed", "same")}
