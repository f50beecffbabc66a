"""nbconvert exporters that turn journal entries into HTML and PDF."""
