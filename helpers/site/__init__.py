"""The static site (tools layer)."""
