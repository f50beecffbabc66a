"""ipywidgets panels for comments and moderation."""


def comment_panel(entry_id=None):
    """Show the comment panel for `entry_id` (a notice until the panel exists)."""
    from IPython.display import Markdown, display

    display(Markdown("*Comments for this entry will appear here.*"))
