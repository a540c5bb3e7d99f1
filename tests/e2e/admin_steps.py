"""Steps the browser tests take in the admin, written once."""

import re

from playwright.sync_api import expect


def fill_body_paragraph(page, text):
    """Add a paragraph block to the story's body and type into its rich-text editor."""
    body = page.locator("[data-contentpath=body]")
    body.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    type_into_editor(body.locator("[role=textbox][contenteditable=true]").first, text)


def type_into_editor(editor, text):
    """Replace what a rich-text editor holds with `text`, as an editor types it."""
    expect(editor).to_be_editable()
    editor.click()
    editor.press("Control+A")
    editor.type(text)
    # On a busy machine the editor can still be starting when typing begins and drop the keys:
    # the story would then be refused for an empty paragraph. Type again until the text is in.
    for _attempt in range(3):
        if text in (editor.text_content() or ""):
            break
        editor.click()
        editor.press("Control+A")
        editor.type(text)
    expect(editor).to_contain_text(text)
    editor.blur()
    # Draftail copies what it holds into the form's hidden input only after a short pause; a
    # save clicked before that sends the old, empty value. Wait until the form holds the text.
    editor.page.wait_for_function(
        """([editor, text]) => {
            const wrapper = editor.closest("[data-draftail-editor-wrapper]");
            const field = wrapper && wrapper.parentNode.querySelector("input[type=hidden]");
            return Boolean(field && field.value.includes(text));
        }""",
        arg=[editor.element_handle(), text],
    )


def tick(page, field, label):
    """Tick one entry of a tag picker (sectors, countries) by its visible name."""
    page.locator(f"[data-contentpath={field}]").get_by_label(label, exact=True).check()


def sign_in(page, username, password):
    """Sign in through the admin's login form and wait for the dashboard."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def footer_actions(page):
    return page.get_by_role("navigation", name="Actions (footer)")


def click_more_action(page, name):
    """Press one of the editor's actions under "More actions" (Publish, Submit, ...)."""
    actions = footer_actions(page)
    actions.get_by_role("button", name="More actions").click()
    actions.get_by_role("button", name=name).click()
