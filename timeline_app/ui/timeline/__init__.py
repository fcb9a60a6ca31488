"""The timeline: lanes, marks, axes, overview and legend."""
