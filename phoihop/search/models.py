"""The search index (issue 5, item 6)."""
