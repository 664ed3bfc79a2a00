"""Galleries: each entry's images as derivatives, `<picture>` data, and IIIF manifests."""
