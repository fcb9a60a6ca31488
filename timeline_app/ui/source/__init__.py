"""The source pane: the cited paragraphs of an event's documents."""
