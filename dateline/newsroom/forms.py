"""The story editor's form."""

from wagtail.admin.forms import WagtailAdminPageForm

from dateline.core.text import xml_safe


class StoryPageForm(WagtailAdminPageForm):
    def clean_tags(self):
        # A tag is created as the editor names it, before the story's own cleaning runs, and its
        # name goes into every feed that carries the story: XML must be able to carry it.
        names = (xml_safe(name).strip() for name in self.cleaned_data["tags"])
        return [name for name in names if name]
