"""Views of the programme, split by feature."""
