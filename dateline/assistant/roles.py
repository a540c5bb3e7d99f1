"""Who reads the record of accepted suggestions: the desk editors and the chief editor. Nobody
writes it by hand; saving a story does."""

from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR, grant_permissions

RECORD_PERMISSIONS = {
    DESK_EDITOR: ["view_acceptedsuggestion"],
    CHIEF_EDITOR: ["view_acceptedsuggestion"],
}


def grant_assistant_permissions():
    grant_permissions("assistant", RECORD_PERMISSIONS)
