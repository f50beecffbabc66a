"""One comment in the moderation queue: its card, a checkbox to select it, and a button per action.

Each control is named with its object ("Approve comment by Bob on Week 1"); the extension gives the
`journal-named` ones their title as their accessible name, so eight Approve buttons are told apart.
"""

from __future__ import annotations

import ipywidgets as w

from . import cards
from .cards import ROW


def moderation_row(row: dict, *, title: str, status: str, actions, labels: dict, on_action):
    """(row widget, its checkbox, its buttons by action) for comment `row` on the entry called `title`;
    `on_action(action, comment_id)` runs when a button is pressed."""
    cid = str(row["id"])
    email = cards.text(row.get("author_email"))
    reason = cards.text(row.get("reason"))
    extra = (f'<div style="opacity:0.8">On <em><bdi>{cards.text(title)}</bdi></em>'
             + (f' · <a href="mailto:{email}"><bdi>{email}</bdi></a>' if email else "")
             + (f" · {'held because: ' if row.get('status_by') == 'rules' else ''}{reason}"
                if reason and status != "approved" else "") + "</div>")
    who = cards.plain_name(row.get("author_name"))
    whose = f"comment by {who} on {title}"
    checkbox = w.Checkbox(indent=False, tooltip=f"Select {whose}", layout=w.Layout(width="2em", flex="0 0 auto"))
    checkbox.add_class(cards.NAMED)
    buttons = {}
    for action in actions:
        tooltip = f"Reply to {who}" if action == "reply" else f"{labels[action]} {whose}"
        button = w.Button(description=labels[action], tooltip=tooltip, layout=w.Layout(width="auto"))
        button.add_class(cards.NAMED)
        button.on_click(lambda _, action=action: on_action(action, cid))
        buttons[action] = button
    card = w.VBox([w.HTML(cards.comment_html(row, extra=extra)),
                   w.HBox(list(buttons.values()), layout=w.Layout(**ROW))],
                  layout=w.Layout(flex="1 1 auto", min_width="0"))
    box = w.HBox([checkbox, card], layout=w.Layout(margin="0.5em 0", border_bottom="1px solid #ddd"))
    return box, checkbox, buttons
