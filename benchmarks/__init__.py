"""`make bench`: measured figures against the physical floor of the same work."""
