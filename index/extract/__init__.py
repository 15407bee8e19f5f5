"""Extractors shared by every council format: resolutions, actions, votes, motions, and the
line and date helpers they stand on. Each returns verbatim slices of the item text."""
