"""Steps the browser tests take in the story editor, written once."""


def fill_body_paragraph(page, text):
    """Add a paragraph block to the story's body and type into its rich-text editor."""
    body = page.locator("[data-contentpath=body]")
    body.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    editor = body.locator("[role=textbox][contenteditable=true]").first
    editor.click()
    editor.type(text)


def tick(page, field, label):
    """Tick one entry of a tag picker (sectors, countries) by its visible name."""
    page.locator(f"[data-contentpath={field}]").get_by_label(label, exact=True).check()
