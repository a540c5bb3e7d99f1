import pytest
from django.template.loader import render_to_string


def test_server_error_page_stands_alone():
    # The 500 page must render with no database, no context and no static manifest.
    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert "{%" not in html


@pytest.mark.django_db
def test_not_found_page_is_styled_and_offers_search(client, home):
    response = client.get("/no/such/story/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'action="/search/"' in html
    assert "site-footer" in html
