"""A course: one shared place where a class's journals are read, commented on and moderated."""
