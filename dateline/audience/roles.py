"""Which newsroom groups see the newsletter and the readers' feedback."""

from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR, grant_permissions

AUDIENCE_PERMISSIONS = {
    DESK_EDITOR: ["view_feedback", "change_feedback"],
    CHIEF_EDITOR: ["view_subscriber", "change_delivery", "view_feedback", "change_feedback"],
}


def grant_audience_permissions():
    """Give the newsletter and feedback views to the editor groups (called at site set-up)."""
    grant_permissions("audience", AUDIENCE_PERMISSIONS)
