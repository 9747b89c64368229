"""Read a page's form as a browser would submit it, to post it back unchanged."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _FormReader(HTMLParser):
    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_chosen: list[str] = []
        self._select_first: str | None = None
        self._option: dict[str, str] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.inside = found.get("id") == self.form_id
            return
        outside = not self.inside and found.get("form") != self.form_id
        if outside or ("name" not in found and tag != "option"):
            return
        if tag == "input":
            kind = found.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in found:
                    self.fields.append((found["name"], found.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self.fields.append((found["name"], found.get("value", "")))
        elif tag == "select":
            self._select, self._select_chosen, self._select_first = found["name"], [], None
            self._multiple = "multiple" in found
        elif tag == "option" and self._select is not None:
            value = found.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in found:
                self._select_chosen.append(value)
        elif tag == "textarea":
            self._textarea, self._text = found["name"], []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            chosen = self._select_chosen
            if not chosen and not self._multiple and self._select_first is not None:
                chosen = [self._select_first]  # a browser submits a single select's first option
            self.fields.extend((self._select, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            # The HTML parser keeps the newline that follows <textarea>; a browser drops it.
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def form_fields(page: str, form_id: str = "edit-form") -> dict[str, Any]:
    """The values a browser would submit from the form `form_id`, as a dict for the test client (a field
    submitted several times becomes a list)."""
    reader = _FormReader(form_id)
    reader.feed(page)
    data: dict[str, Any] = {}
    for name, value in reader.fields:
        if name in data:
            data[name] = [*data[name], value] if isinstance(data[name], list) else [data[name], value]
        else:
            data[name] = value
    return data
