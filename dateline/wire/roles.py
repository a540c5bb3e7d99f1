"""Which newsroom groups work the wire desk, and the permission its screens ask for."""

from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR, grant_permissions

DESK_PERMISSION = "wire.use_desk"
# Desk editors work the queue and watch the sources; the chief editor also sets sources up.
DESK_PERMISSIONS = {
    DESK_EDITOR: ["use_desk", "view_source"],
    CHIEF_EDITOR: ["use_desk", "view_source", "add_source", "change_source", "delete_source"],
}


def grant_desk_permissions():
    """Give the desk to the newsroom's editor groups (called when the site is set up)."""
    grant_permissions("wire", DESK_PERMISSIONS)
