"""Who manages the content API's keys: the chief editor, like the site's other settings."""

from dateline.newsroom.roles import CHIEF_EDITOR, grant_permissions

API_KEY_PERMISSIONS = {
    CHIEF_EDITOR: ["view_apikey", "add_apikey", "change_apikey", "delete_apikey"],
}


def grant_api_key_permissions():
    grant_permissions("syndication", API_KEY_PERMISSIONS)
