"""The decision block of a moderated item's page (pearl, proposed activity, report), built once for each.

``templates/werkplek/_decision.html`` renders it. A block is one form: either open (the everyday decision, one
press) or folded (a decision that needs a text, opening by itself after an error or when a standard reply was
chosen). Standard replies are links that fill in the text; the moderator can change it before sending.
"""

from dataclasses import dataclass, field


@dataclass
class Button:
    label: str
    name: str = ""
    value: str = ""
    secondary: bool = False


@dataclass
class Block:
    anchor: str  # the id of the block, and the fragment the standard replies jump back to
    action: str  # where the form posts
    form: object
    buttons: list[Button]
    fields: list = field(default_factory=list)  # names of the form's visible fields, in order
    summary: str = ""  # folded when set: the text of the fold's summary
    opened: bool = False
    replies: list[tuple[str, str]] = field(default_factory=list)  # (key, label) of standard replies
    replies_label: str = ""
    param: str = ""  # the query parameter a standard reply sets
    hints: list[str] = field(default_factory=list)  # said before the buttons (who hears the decision)
    # The item's own page, which the standard replies load again: after a refused try the browser is at the form's
    # action, which only takes POST, so a reply relative to it would end in "405 Method Not Allowed".
    page: str = ""

    @property
    def bound_fields(self):
        return [self.form[name] for name in self.fields]

    @property
    def is_open(self) -> bool:
        return self.opened or bool(getattr(self.form, "is_bound", False))
