"""Data exports without Qt (JSON, CSV). Image exports live in timeline_app.ui."""
