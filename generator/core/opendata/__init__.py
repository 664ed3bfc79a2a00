"""Open data under /data/: exports, their Data Package, the Atom feed and the data page."""
