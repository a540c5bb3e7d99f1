"""Who may post to live coverage: writers draft updates; desk editors and the chief editor
publish them, edit and delete published ones, and end coverage."""

from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR, WRITER, grant_permissions

LIVE_PERMISSIONS = {
    WRITER: ["add_liveupdate", "change_liveupdate", "view_liveupdate"],
    DESK_EDITOR: [
        "add_liveupdate",
        "change_liveupdate",
        "delete_liveupdate",
        "view_liveupdate",
        "publish_liveupdate",
    ],
    CHIEF_EDITOR: [
        "add_liveupdate",
        "change_liveupdate",
        "delete_liveupdate",
        "view_liveupdate",
        "publish_liveupdate",
    ],
}


def grant_live_permissions():
    """Give the newsroom's groups live coverage (called when the site is set up)."""
    grant_permissions("live", LIVE_PERMISSIONS)
