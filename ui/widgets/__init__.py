"""Reusable widgets: the consortium panel, finding lists, pickers."""
