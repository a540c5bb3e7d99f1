"""Form widgets the admin's screens share: the wire desk's tag correction and the story editor."""

import unicodedata

from django import forms


def folded(text):
    """Lower case without accents, as the picker's filter compares ("Côte" finds "cote")."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


class TagPicker(forms.CheckboxSelectMultiple):
    """Checkboxes with a filter box, the chosen ones shown as chips that remove them.

    A multi-select of 249 countries loses its whole selection to one click without Ctrl; here
    every click changes one box and the selection stays in sight. Without JavaScript the
    checkboxes still work; tag_picker.js adds the filter and keeps the chips in step.
    """

    template_name = "core/widgets/tag_picker.html"

    class Media:
        js = ["core/tag_picker.js"]
        css = {"all": ["core/tag_picker.css"]}

    def __init__(self, noun, attrs=None):
        super().__init__(attrs)
        self.noun = noun

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        code = getattr(getattr(value, "instance", None), "code", "")
        option["search"] = folded(f"{label} {code}")
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [option for _, group, _ in context["widget"]["optgroups"] for option in group]
        context["widget"].update(
            noun=self.noun,
            options=options,
            chosen=[option for option in options if option["selected"]],
        )
        return context
