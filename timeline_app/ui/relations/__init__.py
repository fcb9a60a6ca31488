"""The relationship panel: ties between countries drawn as a graph."""
