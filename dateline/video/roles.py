"""Who may upload and manage shorts."""

from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR, WRITER, grant_permissions

SHORT_PERMISSIONS = {
    WRITER: ["add_short", "change_short", "view_short"],
    DESK_EDITOR: ["add_short", "change_short", "view_short"],
    CHIEF_EDITOR: ["add_short", "change_short", "delete_short", "view_short"],
}


def grant_short_permissions():
    """Give the newsroom's groups the shorts (called when the site is set up)."""
    grant_permissions("video", SHORT_PERMISSIONS)
